package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.store.AppendResult;
import dev.motorhead.store.SessionState;
import dev.motorhead.store.SessionWrite;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A failing store is a server-side failure: 503 with a short message, never its details. */
class StoreFailureTest {
  private static final String DETAIL = "connection refused: redis://default:hunter2@10.0.0.7:6379";

  @Test
  void aStoreFailureIsA503ThatShowsNoDetailAndTheServerKeepsAnswering() throws Exception {
    MemoryClient client = MemoryClient.builder().store(new DownStore())
        .compactionMode(CompactionMode.SYNC).build();
    try (TestServer server = TestServer.start(Map.of(), client)) {
      Response read = server.get("/sessions/s1/memory");
      Response write = server.post("/sessions/s1/memory",
          messages("Human", "hi"));

      for (Response r : List.of(read, write)) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body())
            .isEqualTo("{\"error\":\"The memory store is unavailable; try again\"}");
      }
      assertThat(server.get("/").status()).isEqualTo(200);
    }
  }

  /** A store whose reads and appends fail as an unreachable Redis would. */
  private static final class DownStore extends ForwardingStore {
    @Override
    public CompletableFuture<SessionState> read(String sessionId, int limit) {
      return CompletableFuture.failedFuture(new StoreException(DETAIL));
    }

    @Override
    public CompletableFuture<AppendResult> write(
        String sessionId, String namespace, SessionWrite write, Instant now) {
      return CompletableFuture.failedFuture(new StoreException(DETAIL));
    }
  }
}
