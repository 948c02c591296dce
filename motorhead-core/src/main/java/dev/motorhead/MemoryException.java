package dev.motorhead;

/**
 * The root of every failure the library reports that is not a bad argument: a store that cannot
 * be reached, a model provider that refuses a call, a response that cannot be read.
 *
 * <p>Bad arguments are reported with {@link IllegalArgumentException} instead, naming the
 * argument and its value, and nothing is written when one is thrown.
 *
 * <p>Messages never contain credentials.
 */
public class MemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure described by a message.
   *
   * @param message what failed, without credentials
   */
  public MemoryException(String message) {
    super(message);
  }

  /**
   * A failure caused by another exception.
   *
   * @param message what failed, without credentials
   * @param cause the underlying exception, kept for its stack trace
   */
  public MemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
