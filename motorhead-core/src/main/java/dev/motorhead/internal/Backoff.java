package dev.motorhead.internal;

import static dev.motorhead.internal.Arguments.positive;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between failed attempts: doubling from an initial delay up to a maximum, each drawn
 * within ±20% so that many sessions failing together do not retry together. Immutable.
 * Internal: shared by this project's modules, not part of the public API; it may change or go
 * away in any release without notice.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;

  private Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /**
   * @throws IllegalArgumentException if either is not positive or max is below initial
   */
  public static Backoff of(Duration initial, Duration max) {
    positive(initial, "initial backoff");
    positive(max, "max backoff");
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max backoff must be >= initial backoff, was " + max + " < " + initial);
    }
    return new Backoff(initial, max);
  }

  /** The delay after {@code failures} failures in a row (1 for the first). */
  public Duration delay(int failures) {
    long base = initial.toMillis();
    long cap = max.toMillis();
    long exp = failures >= 31 ? cap : Math.min(cap, base << Math.min(Math.max(failures, 1) - 1, 30));
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.max(1, Math.min(cap, (long) (exp * jitter))));
  }

  @Override
  public String toString() {
    return "Backoff{" + initial + " to " + max + "}";
  }
}
