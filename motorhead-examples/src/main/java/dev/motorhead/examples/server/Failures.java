package dev.motorhead.examples.server;

import java.util.regex.Pattern;

/**
 * One-line descriptions of failures for the log and for readiness: never a stack trace, never a
 * password in a URL the message quotes.
 */
final class Failures {
  private static final int MAX_MESSAGE = 200;
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*):[^@/\\s]*@");

  private Failures() {}

  /** The innermost cause: its type and message, e.g. {@code RedisConnectionException: ...}. */
  static String summary(Throwable failure) {
    Throwable root = root(failure);
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      return root.getClass().getSimpleName();
    }
    String oneLine =
        URL_PASSWORD.matcher(message.strip().replace('\n', ' ')).replaceAll("$1:***@");
    return root.getClass().getSimpleName() + ": " + (oneLine.length() > MAX_MESSAGE
        ? oneLine.substring(0, MAX_MESSAGE) + "..."
        : oneLine);
  }

  /** The innermost cause's type only, e.g. {@code RedisConnectionException}: safe to show. */
  static String kind(Throwable failure) {
    return root(failure).getClass().getSimpleName();
  }

  /** The failure and where it was thrown, for a bug: {@code IllegalStateException: x at A.b(A.java:1)}. */
  static String withOrigin(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return failure + (trace.length == 0 ? "" : " at " + trace[0]);
  }

  private static Throwable root(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
