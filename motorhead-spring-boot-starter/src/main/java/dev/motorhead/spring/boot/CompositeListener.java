package dev.motorhead.spring.boot;

import dev.motorhead.MemoryListener;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several {@link MemoryListener} beans as one: each event goes to each, a failing one logged. */
final class CompositeListener implements MemoryListener {
  private static final Logger log = LoggerFactory.getLogger(CompositeListener.class);

  private final List<MemoryListener> listeners;

  CompositeListener(List<MemoryListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private interface Event {
    void send(MemoryListener l);
  }

  private void each(Event e) {
    for (MemoryListener l : listeners) {
      try {
        e.send(l);
      } catch (RuntimeException failure) {
        log.warn("MemoryListener {} failed; ignored", l, failure);
      }
    }
  }

  @Override
  public void compactionStarted(String sessionId, int messagesToFold) {
    each(l -> l.compactionStarted(sessionId, messagesToFold));
  }

  @Override
  public void compactionCommitted(
      String sessionId, int messagesFolded, long tokensUsed, Duration duration) {
    each(l -> l.compactionCommitted(sessionId, messagesFolded, tokensUsed, duration));
  }

  @Override
  public void compactionRefused(String sessionId, Duration duration) {
    each(l -> l.compactionRefused(sessionId, duration));
  }

  @Override
  public void compactionFailed(String sessionId, Throwable failure, Duration duration) {
    each(l -> l.compactionFailed(sessionId, failure, duration));
  }

  @Override
  public void summarizerCalled(
      String sessionId, int messages, long tokensUsed, Duration latency, boolean succeeded) {
    each(l -> l.summarizerCalled(sessionId, messages, tokensUsed, latency, succeeded));
  }

  @Override
  public void leaseTakenOver(String sessionId) {
    each(l -> l.leaseTakenOver(sessionId));
  }

  @Override
  public void messagesIndexed(int count) {
    each(l -> l.messagesIndexed(count));
  }

  @Override
  public void messagesDropped(int count) {
    each(l -> l.messagesDropped(count));
  }

  @Override
  public void messagesGivenUp(int count) {
    each(l -> l.messagesGivenUp(count));
  }
}
