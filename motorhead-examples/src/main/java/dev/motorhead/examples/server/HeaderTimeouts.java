package dev.motorhead.examples.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request line and headers take longer than the header timeout to
 * arrive, counted from their first byte. Jetty's idle timeout closes a client that stops sending;
 * this one also closes a client that keeps trickling bytes (slowloris), which an idle timeout
 * never does.
 *
 * <p>It watches every open HTTP/1.1 connection of the connector it listens to and sweeps them a
 * few times per timeout on Jetty's scheduler. A sweep reads the parser's state, which is volatile,
 * then the time its message began, which the parser writes before leaving its start state: a
 * connection is closed only while it is inside a request's headers for longer than the timeout.
 * Connections between requests (keep-alive) are left to the idle timeout. Thread-safe.
 */
final class HeaderTimeouts implements Connection.Listener {
  private static final Logger log = LoggerFactory.getLogger(HeaderTimeouts.class);

  private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
  private final long timeoutNanos;
  private final long periodMillis;
  private final Runnable onTimeout;
  private volatile Scheduler scheduler;

  /**
   * @param onTimeout called once per connection closed (for a counter)
   */
  HeaderTimeouts(Duration timeout, Runnable onTimeout) {
    this.timeoutNanos = timeout.toNanos();
    this.periodMillis = Math.max(20, Math.min(1_000, timeout.toMillis() / 4));
    this.onTimeout = onTimeout;
  }

  /** Starts sweeping on the scheduler until {@link #stop()}. */
  void start(Scheduler scheduler) {
    this.scheduler = scheduler;
    scheduler.schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
  }

  void stop() {
    scheduler = null;
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      open.add(http);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  private void sweep() {
    Scheduler s = scheduler;
    if (s == null) {
      return;
    }
    long now = System.nanoTime();
    for (HttpConnection connection : open) {
      HttpParser parser = connection.getParser();
      HttpParser.State state = parser.getState();
      boolean inHeaders = state.ordinal() > HttpParser.State.START.ordinal()
          && state.ordinal() <= HttpParser.State.HEADER.ordinal();
      if (inHeaders && now - parser.getBeginNanoTime() > timeoutNanos) {
        log.debug("Closing {}: its request headers took longer than {} ms",
            connection.getEndPoint().getRemoteSocketAddress(),
            TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        open.remove(connection);
        connection.getEndPoint().close();
        onTimeout.run();
      }
    }
    s.schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
  }
}
