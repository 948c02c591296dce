package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.StoreException;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.store.AppendResult;
import dev.motorhead.store.SessionWrite;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A POST with a context and messages writes both or neither. */
class AtomicPostTest {
  private static final String POST = """
      {"messages": [{"role": "Human", "content": "hi"}, {"role": "AI", "content": "hello"}],
       "context": "Ada likes trains."}""";

  @Test
  void whenTheStoreFailsThePostWritesNeitherTheContextNorTheMessages() throws Exception {
    MessageWritesFail store = new MessageWritesFail();
    MemoryClient client = MemoryClient.builder().store(store)
        .compactionMode(CompactionMode.SYNC).build();
    try (TestServer server = TestServer.start(Map.of(), client)) {
      store.failing.set(true);
      Response failed = server.post("/sessions/s1/memory", POST);
      store.failing.set(false);

      assertThat(failed.status()).isEqualTo(503);
      assertThat(server.get("/sessions/s1/memory").body())
          .as("nothing of the failed POST").isEqualTo(
              "{\"messages\":[],\"context\":null,\"tokens\":0}");

      assertThat(server.post("/sessions/s1/memory", POST).status()).isEqualTo(200);
      assertThat(server.get("/sessions/s1/memory").json().path("context").asText())
          .isEqualTo("Ada likes trains.");
      assertThat(store.writes).as("one store write per POST").hasValue(2);
    }
  }

  /**
   * An in-memory store that, while failing, refuses every write carrying messages (and lets a
   * summary-only write through): a server that set the context and then appended in two writes
   * would leave the context behind.
   */
  private static final class MessageWritesFail extends ForwardingStore {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public CompletableFuture<AppendResult> write(
        String sessionId, String namespace, SessionWrite write, Instant now) {
      writes.incrementAndGet();
      if (failing.get() && !write.messages().isEmpty()) {
        return CompletableFuture.failedFuture(new StoreException("injected failure"));
      }
      return super.write(sessionId, namespace, write, now);
    }
  }
}
