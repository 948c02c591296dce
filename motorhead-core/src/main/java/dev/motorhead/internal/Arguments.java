package dev.motorhead.internal;

import java.util.Objects;

/**
 * Argument checks whose messages name the argument and the value, so that a caller reading
 * a stack trace knows what to fix. Internal: shared by this project's modules, not part of the
 * public API; it may change or go away in any release without notice.
 */
public final class Arguments {
  private static final int MAX_SHOWN = 80;

  private Arguments() {}

  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was " + shown(value));
    }
    return value;
  }

  public static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
    return value;
  }

  public static long atLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
    return value;
  }

  public static int between(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public static java.time.Duration positive(java.time.Duration value, String name) {
    notNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /** Quotes a user-supplied string for an error message, shortening a long one. */
  public static String shown(String value) {
    Objects.requireNonNull(value);
    String s = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    return '"' + s.replace("\n", "\\n") + '"';
  }
}
