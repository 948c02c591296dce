package dev.motorhead.openai;

import java.time.Duration;

/**
 * How often and how long a failed call is tried again: at most {@code maxAttempts} attempts in
 * all, no waiting past {@code maxDuration} after the first attempt started, and between attempts
 * an exponential backoff with jitter (unless the server said how long to wait).
 *
 * <p>The backoff before attempt {@code n + 1} is drawn uniformly from {@code [b/2, b]} where
 * {@code b = min(maxBackoff, initialBackoff * 2^(n-1))}.
 */
record RetryPolicy(int maxAttempts, Duration maxDuration, Duration initialBackoff,
    Duration maxBackoff) {

  static final int DEFAULT_MAX_ATTEMPTS = 4;
  static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);
  static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);

  /** Whether an HTTP status is worth trying again: 408, 429 and the 5xx except 501 and 505. */
  static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  /**
   * The wait after failed attempt {@code attempt} (1-based).
   *
   * @param random a number in {@code [0, 1)} that places the wait within its jitter range
   */
  Duration backoff(int attempt, double random) {
    long initial = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    int doublings = Math.min(attempt - 1, 30);
    long base = Math.min(cap, initial << doublings);
    if (base < 0) {
      base = cap;
    }
    long half = base / 2;
    return Duration.ofMillis(half + (long) (random * (base - half)));
  }
}
