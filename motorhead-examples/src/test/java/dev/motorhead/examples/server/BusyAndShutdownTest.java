package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.store.SessionState;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A full worker pool answers 503 at once; shutdown lets requests in flight finish. */
class BusyAndShutdownTest {

  @Test
  void whenEveryWorkerIsBusyAndTheQueueIsFullARequestIsAnswered503AtOnce() throws Exception {
    GatedStore store = new GatedStore();
    MemoryClient client = MemoryClient.builder().store(store)
        .compactionMode(CompactionMode.SYNC).build();
    try (TestServer server = TestServer.start(
        Map.of("MOTORHEAD_WORKER_THREADS", "1", "MOTORHEAD_WORKER_QUEUE", "0"), client)) {
      CompletableFuture<Response> slow =
          CompletableFuture.supplyAsync(() -> server.get("/sessions/s1/memory"));
      assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();

      Response busy = server.get("/");

      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(busy.error()).contains("busy");
      store.gate.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(server.get("/").status()).isEqualTo(200));
    }
  }

  @Test
  void closeWaitsForARequestInFlightThenStopsListening() throws Exception {
    GatedStore store = new GatedStore();
    MemoryClient client = MemoryClient.builder().store(store)
        .compactionMode(CompactionMode.SYNC).build();
    TestServer server = TestServer.start(Map.of(), client);
    CompletableFuture<Response> inFlight =
        CompletableFuture.supplyAsync(() -> server.get("/sessions/s1/memory"));
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> server.server().close());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Response during = server.get("/");
      assertThat(during.status()).isEqualTo(503);
      assertThat(during.error()).isEqualTo("The server is shutting down");
    });
    assertThat(closed).isNotDone();
    store.gate.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    closed.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> server.get("/")).isInstanceOf(UncheckedIOException.class);
    server.close();
  }

  /** An in-memory store whose reads wait at a gate, to hold a worker busy. */
  private static final class GatedStore extends ForwardingStore {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public CompletableFuture<SessionState> read(String sessionId, int limit) {
      entered.countDown();
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.read(sessionId, limit);
    }
  }
}
