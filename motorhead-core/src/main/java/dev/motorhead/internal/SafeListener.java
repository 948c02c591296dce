package dev.motorhead.internal;

import dev.motorhead.MemoryListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a user's {@link MemoryListener}, logging and ignoring whatever it throws, so that a
 * faulty listener never affects the memory. Internal: shared by this project's modules, not
 * part of the public API; it may change or go away in any release without notice.
 */
public final class SafeListener implements MemoryListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

  private final MemoryListener delegate;

  private SafeListener(MemoryListener delegate) {
    this.delegate = delegate;
  }

  /** The listener, guarded; {@link MemoryListener#NONE} stays as it is. */
  public static MemoryListener of(MemoryListener listener) {
    if (listener == MemoryListener.NONE || listener instanceof SafeListener) {
      return listener;
    }
    return new SafeListener(listener);
  }

  @Override
  public void compactionStarted(String sessionId, int messagesToFold) {
    guard(() -> delegate.compactionStarted(sessionId, messagesToFold));
  }

  @Override
  public void compactionCommitted(
      String sessionId, int messagesFolded, long tokensUsed, Duration duration) {
    guard(() -> delegate.compactionCommitted(sessionId, messagesFolded, tokensUsed, duration));
  }

  @Override
  public void compactionRefused(String sessionId, Duration duration) {
    guard(() -> delegate.compactionRefused(sessionId, duration));
  }

  @Override
  public void compactionFailed(String sessionId, Throwable failure, Duration duration) {
    guard(() -> delegate.compactionFailed(sessionId, failure, duration));
  }

  @Override
  public void summarizerCalled(
      String sessionId, int messages, long tokensUsed, Duration latency, boolean succeeded) {
    guard(() -> delegate.summarizerCalled(sessionId, messages, tokensUsed, latency, succeeded));
  }

  @Override
  public void leaseTakenOver(String sessionId) {
    guard(() -> delegate.leaseTakenOver(sessionId));
  }

  @Override
  public void messagesIndexed(int count) {
    guard(() -> delegate.messagesIndexed(count));
  }

  @Override
  public void messagesDropped(int count) {
    guard(() -> delegate.messagesDropped(count));
  }

  @Override
  public void messagesGivenUp(int count) {
    guard(() -> delegate.messagesGivenUp(count));
  }

  private void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("MemoryListener {} threw; ignored", delegate, e);
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
