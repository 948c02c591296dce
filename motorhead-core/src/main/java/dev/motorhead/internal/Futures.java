package dev.motorhead.internal;

import dev.motorhead.MemoryException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waiting for a store's futures from the blocking methods. Internal: not part of the public
 * API; it may change or go away in any release without notice.
 */
public final class Futures {
  private Futures() {}

  /**
   * Waits for a store future, unwrapping its failure: a {@link RuntimeException} or an
   * {@link Error} is rethrown as it is, anything else is wrapped in a {@link MemoryException}.
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new MemoryException("Store operation failed", cause);
    } catch (CancellationException e) {
      throw new MemoryException("Store operation was cancelled", e);
    }
  }
}
