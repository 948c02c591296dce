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
 * SIGTERM (or Ctrl-C) stops taking requests, lets those in flight and running compactions finish
 * within {@code MOTORHEAD_SHUTDOWN_TIMEOUT}, and closes the store.
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
      log.info("Shutting down: finishing requests and compactions in flight");
      running.close();
      log.info("Stopped");
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
      return new Running(config, MotorheadServer.start(config, backend.client()), backend);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /** A started server and what it runs on; closing stops the server, then the backend. */
  record Running(ServerConfig config, MotorheadServer server, Backend backend)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      backend.close();
    }
  }
}
