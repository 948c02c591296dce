package dev.motorhead.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a server asks us to wait: OpenAI's {@code retry-after-ms} (milliseconds) when
 * present, else the standard {@code Retry-After} in delay-seconds or as an HTTP date.
 */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * The delay the headers ask for, never negative, or {@code null} when neither header is present
   * or readable.
   */
  static Duration parse(String retryAfterMs, String retryAfter, Instant now) {
    Duration millis = parseNumber(retryAfterMs, true);
    if (millis != null) {
      return millis;
    }
    if (retryAfter == null || retryAfter.isBlank()) {
      return null;
    }
    Duration seconds = parseNumber(retryAfter, false);
    if (seconds != null) {
      return seconds;
    }
    try {
      Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration parseNumber(String value, boolean milliseconds) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      double n = Double.parseDouble(value.strip());
      if (!(n >= 0) || Double.isInfinite(n)) {
        return null;
      }
      double millis = milliseconds ? n : n * 1_000;
      return Duration.ofMillis((long) Math.min(millis, Long.MAX_VALUE / 2.0));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
