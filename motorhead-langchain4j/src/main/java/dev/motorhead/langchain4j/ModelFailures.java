package dev.motorhead.langchain4j;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.motorhead.ModelException;

/**
 * A failure of a LangChain4j model as a {@link ModelException}, retryable or not.
 *
 * <p>LangChain4j's own classification decides first: a {@link RetriableException} (rate limit,
 * timeout, server error) may succeed later, a {@link NonRetriableException} (bad credentials,
 * bad request, unknown model, filtered content) will not, nor will an {@link
 * UnsupportedFeatureException}; an {@link HttpException} decides by its status: 408, 409, 425,
 * 429 and 5xx but 501 and 505 are retryable. The first of these found walking the cause chain
 * decides. Anything else a model throws (a broken connection, an unknown failure) is taken as
 * retryable, since the callers bound their retries (compaction backs off, long-term memory gives
 * up after a few attempts), except the JDK's exceptions for bad arguments or state.
 */
final class ModelFailures {
  private ModelFailures() {}

  static ModelException map(RuntimeException failure, String what) {
    if (failure instanceof ModelException m) {
      return m;
    }
    int status = status(failure);
    boolean retryable = retryable(failure, status);
    String reason = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    return new ModelException(what + " failed (" + failure.getClass().getSimpleName() + ")"
        + reason, status, retryable, failure);
  }

  private static boolean retryable(RuntimeException failure, int status) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetriableException) {
        return true;
      }
      if (t instanceof NonRetriableException || t instanceof UnsupportedFeatureException) {
        return false;
      }
      if (t instanceof HttpException) {
        return status == 408 || status == 409 || status == 425 || status == 429
            || (status >= 500 && status != 501 && status != 505);
      }
    }
    return !(failure instanceof IllegalArgumentException
        || failure instanceof IllegalStateException
        || failure instanceof UnsupportedOperationException);
  }

  /** The HTTP status the failure carries or implies, else 0. */
  private static int status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException h) {
        return h.statusCode();
      }
      if (t instanceof RateLimitException) {
        return 429;
      }
      if (t instanceof AuthenticationException) {
        return 401;
      }
      if (t instanceof ModelNotFoundException) {
        return 404;
      }
      if (t instanceof InvalidRequestException && !(t instanceof ContentFilteredException)) {
        return 400;
      }
      if (t instanceof InternalServerException) {
        return 500;
      }
    }
    return 0;
  }
}
