package dev.motorhead.examples.server;

import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Motorhead-compatible server from environment variables (see {@link ServerConfig}):
 * {@code java -jar motorhead-server.jar}. With none set it runs on the in-memory store and the
 * offline summarizer, window 12, port 8080.
 *
 * <p>An invalid setting prints one line naming the variable to stderr and exits with status 2.
 * SIGTERM (or Ctrl-C) stops taking requests, lets those in flight, running compactions and
 * long-term memory indexing finish within one budget, {@code MOTORHEAD_SHUTDOWN_TIMEOUT} in all,
 * closes the store and exits with status 0. Work still running when the budget runs out is
 * abandoned with a warning: its messages stay in the store.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Running running;
    try {
      running = start(System.getenv());
    } catch (ConfigException | UncheckedIOException e) {
      System.err.println("motorhead: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down: finishing requests, compactions and indexing in flight within {}",
          running.config().shutdownTimeout());
      running.close();
      log.info("Stopped");
      // A JVM stopped by SIGTERM exits with 143 by default; an orderly stop is a success. Halting
      // also ends at once any work abandoned at the end of the budget.
      Runtime.getRuntime().halt(0);
    }, "motorhead-shutdown"));
    // only now, so that whoever waits for this line may stop the server at once
    log.info("Motorhead server listening on http://{}:{} ({})", running.config().host(),
        running.server().port(), running.backend().description());
  }

  /**
   * Builds the backend and starts the server.
   *
   * @throws ConfigException if a variable is invalid or names something unavailable
   * @throws UncheckedIOException if the port cannot be bound
   */
  static Running start(Map<String, String> env) {
    ServerConfig config = ServerConfig.fromEnv(env);
    Backend backend = Backend.open(config);
    try {
      return new Running(config,
          MotorheadServer.start(config, backend), backend);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /**
   * A started server and what it runs on; closing stops the server, then the backend, within one
   * shutdown budget.
   */
  record Running(ServerConfig config, MotorheadServer server, Backend backend)
      implements AutoCloseable {
    @Override
    public void close() {
      close(System.nanoTime() + config.shutdownTimeout().toNanos());
    }

    /** Drains requests, then compactions and indexing, all by one deadline. */
    void close(long deadlineNanos) {
      server.close(deadlineNanos);
      backend.close(deadlineNanos);
    }
  }
}
