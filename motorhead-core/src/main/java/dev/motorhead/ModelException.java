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

  private final int statusCode;
  private final boolean retryable;

  public ModelException(String message, int statusCode, boolean retryable) {
    super(message);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  public ModelException(String message, int statusCode, boolean retryable, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.retryable = retryable;
  }

  /** The HTTP status of the last response, or {@code 0} when no response was received. */
  public int statusCode() {
    return statusCode;
  }

  /** Whether a later attempt may succeed. */
  public boolean isRetryable() {
    return retryable;
  }
}
