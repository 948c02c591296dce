package dev.motorhead.spring.boot;

import dev.motorhead.MemoryClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up while the client's store answers a read of a session nobody writes, within a timeout; down
 * with the failure otherwise. Details: the window size and the compaction backlog.
 */
final class StoreHealthIndicator implements HealthIndicator {
  /** The session the check reads. Reading an unknown session writes nothing. */
  static final String PROBE_SESSION = "motorhead:health-check";

  private final MemoryClient client;
  private final Duration timeout;

  StoreHealthIndicator(MemoryClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try {
      client.session(PROBE_SESSION).memoryAsync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Health.up()
          .withDetail("windowSize", client.windowSize())
          .withDetail("compactionBacklog", client.compactionBacklog())
          .withDetail("pendingCompactions", client.pendingCompactions())
          .build();
    } catch (ExecutionException e) {
      return Health.down(e.getCause() != null ? e.getCause() : e).build();
    } catch (TimeoutException e) {
      return Health.down().withDetail("error", "the store did not answer within " + timeout).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().withDetail("error", "interrupted").build();
    } catch (RuntimeException e) {
      return Health.down(e).build();
    }
  }
}
