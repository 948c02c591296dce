package dev.motorhead;

/**
 * A language model or embedding provider failed: it refused the request, kept failing after
 * retries, or answered with something that cannot be read.
 *
 * <p>{@link #statusCode()} is the HTTP status of the last response when there was one, else
 * {@code 0}. {@link #isRetryable()} tells whether trying again later may succeed (rate limits,
 * server errors, timeouts) or not (bad request, bad credentials, unknown model). The message
 * never contains an API key.
 */
public class ModelException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the last response, {@code 0} when there was none. */
  private final int statusCode;
  /** Whether a later attempt may succeed. */
  private final boolean retryable;

  /**
   * A provider failure described by a message.
   *
   * @param message what failed, without the API key
   * @param statusCode the HTTP status of the last response, {@code 0} when there was none
   * @param retryable whether a later attempt may succeed (rate limit, server error, timeout)
   */
  public ModelException(String message, int statusCode, boolean retryable) {
    super(message);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /**
   * A provider failure caused by another exception (an I/O error, a response that cannot be read).
   *
   * @param message what failed, without the API key
   * @param statusCode the HTTP status of the last response, {@code 0} when there was none
   * @param retryable whether a later attempt may succeed (rate limit, server error, timeout)
   * @param cause the underlying exception
   */
  public ModelException(String message, int statusCode, boolean retryable, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /**
   * The HTTP status of the last response, or {@code 0} when no response was received.
   *
   * @return an HTTP status code, or {@code 0}
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Whether a later attempt may succeed.
   *
   * @return true for rate limits, server errors and timeouts; false for bad requests, bad
   *     credentials and unknown models
   */
  public boolean isRetryable() {
    return retryable;
  }
}
