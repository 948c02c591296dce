package dev.motorhead.spring.ai;

import dev.motorhead.ModelException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;

/**
 * Maps what a Spring AI model throws to a {@link ModelException}, retryable or not.
 *
 * <p>Spring AI's own {@code TransientAiException} is retryable and {@code NonTransientAiException}
 * is not (matched by class name: they live in spring-ai-retry, which this module does not need).
 * An HTTP error of Spring's web clients ({@code RestClientResponseException},
 * {@code WebClientResponseException}, read through their {@code getStatusCode()}) is retryable
 * for 408, 429 and 5xx except 501 and 505. Timeouts and I/O errors anywhere in the cause chain
 * are retryable. Anything else is retryable too: a later compaction tries again with backoff,
 * and nothing is lost meanwhile.
 */
final class ModelFailures {
  private ModelFailures() {}

  static ModelException map(String what, RuntimeException e) {
    if (e instanceof ModelException me) {
      return me;
    }
    int status = 0;
    Boolean retryable = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.equals("org.springframework.ai.retry.NonTransientAiException")) {
        retryable = retryable == null ? Boolean.FALSE : retryable;
      } else if (name.equals("org.springframework.ai.retry.TransientAiException")) {
        retryable = retryable == null ? Boolean.TRUE : retryable;
      } else if (t instanceof TimeoutException || t instanceof IOException) {
        retryable = retryable == null ? Boolean.TRUE : retryable;
      }
      if (status == 0) {
        status = httpStatus(t);
      }
    }
    if (status != 0) {
      retryable = status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }
    boolean again = retryable == null || retryable;
    String message = what + " failed" + (status != 0 ? " with HTTP " + status : "") + ": "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    return new ModelException(message, status, again, e);
  }

  /** The status of a Spring web client response exception, else 0. */
  private static int httpStatus(Throwable t) {
    String name = t.getClass().getName();
    if (!name.startsWith("org.springframework.web.")) {
      return 0;
    }
    try {
      Method getStatusCode = t.getClass().getMethod("getStatusCode");
      Object code = getStatusCode.invoke(t);
      if (code == null) {
        return 0;
      }
      Object value = code.getClass().getMethod("value").invoke(code);
      return value instanceof Integer i ? i : 0;
    } catch (ReflectiveOperationException | RuntimeException ignored) {
      return 0;
    }
  }
}
