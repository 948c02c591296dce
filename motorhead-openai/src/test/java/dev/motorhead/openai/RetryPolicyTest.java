package dev.motorhead.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(
      10, Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(8));

  @Test
  void backoffDoublesWithinItsJitterRangeUpToTheCap() {
    long[] expectedCeilings = {500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000};
    for (int attempt = 1; attempt <= expectedCeilings.length; attempt++) {
      long ceiling = expectedCeilings[attempt - 1];
      assertThat(policy.backoff(attempt, 0.0)).isEqualTo(Duration.ofMillis(ceiling / 2));
      assertThat(policy.backoff(attempt, 0.999_999).toMillis()).isBetween(ceiling - 1, ceiling);
      assertThat(policy.backoff(attempt, 0.5).toMillis()).isEqualTo(ceiling * 3 / 4);
    }
  }

  @Test
  void backoffNeverOverflowsOnManyAttempts() {
    assertThat(policy.backoff(1_000, 0.0)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void retriesRateLimitsTimeoutsAndServerErrorsOnly() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504, 520, 529}) {
      assertThat(RetryPolicy.isRetryableStatus(status)).as("status %d", status).isTrue();
    }
    for (int status : new int[] {200, 400, 401, 403, 404, 409, 413, 422, 501, 505}) {
      assertThat(RetryPolicy.isRetryableStatus(status)).as("status %d", status).isFalse();
    }
  }
}
