package dev.motorhead.examples.server;

import java.io.UncheckedIOException;
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
    MotorheadServer server;
    try {
      server = MotorheadServer.start(System.getenv());
    } catch (ConfigException | UncheckedIOException e) {
      System.err.println("motorhead: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down: finishing requests, compactions and indexing in flight within {}",
          server.config().shutdownTimeout());
      server.close();
      log.info("Stopped");
      // A JVM stopped by SIGTERM exits with 143 by default; an orderly stop is a success. Halting
      // also ends at once any work abandoned at the end of the budget.
      Runtime.getRuntime().halt(0);
    }, "motorhead-shutdown"));
    // only now, so that whoever waits for this line may stop the server at once
    log.info("Motorhead server listening on http://{}:{} ({})", server.config().host(),
        server.port(), server.backend().description());
  }
}
