package dev.motorhead.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse(null, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(null, " 0 ", NOW)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse(null, "1.5", NOW)).isEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void readsAnHttpDateAgainstTheGivenNow() {
    assertThat(RetryAfter.parse(null, "Sat, 21 Nov 2026 05:01:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse(null, "Sat, 21 Nov 2026 04:00:00 GMT", NOW))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void openAisMillisecondHeaderWinsOverRetryAfter() {
    assertThat(RetryAfter.parse("20", "3", NOW)).isEqualTo(Duration.ofMillis(20));
    assertThat(RetryAfter.parse("soon", "3", NOW)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void missingOrUnreadableHeadersGiveNoDelay() {
    assertThat(RetryAfter.parse(null, null, NOW)).isNull();
    assertThat(RetryAfter.parse(null, "", NOW)).isNull();
    assertThat(RetryAfter.parse(null, "-5", NOW)).isNull();
    assertThat(RetryAfter.parse(null, "NaN", NOW)).isNull();
    assertThat(RetryAfter.parse(null, "tomorrow", NOW)).isNull();
  }
}
