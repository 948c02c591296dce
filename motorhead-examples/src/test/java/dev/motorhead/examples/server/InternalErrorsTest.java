package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.store.SessionState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failure inside the server or the library that no request input caused is a bug: a 500 with a
 * generic body and one log line, never a 400 that blames the client.
 */
class InternalErrorsTest {

  @ParameterizedTest
  @ValueSource(strings = {"IllegalArgumentException", "IllegalStateException",
      "NullPointerException"})
  void anUnexpectedExceptionIsA500WithAGenericBodyAndOneLogLine(String kind) throws Exception {
    MemoryClient client = MemoryClient.builder().store(new FailingStore(() -> switch (kind) {
      case "IllegalArgumentException" -> new IllegalArgumentException("limit must be >= 0, was -1");
      case "IllegalStateException" -> new IllegalStateException("broken invariant");
      default -> new NullPointerException("nothing here");
    })).compactionMode(CompactionMode.SYNC).build();
    try (TestServer server = TestServer.start(Map.of(), client);
        CapturedLog log = CapturedLog.start()) {
      Response r = server.get("/sessions/s1/memory");

      assertThat(r.status()).isEqualTo(500);
      assertThat(r.body()).isEqualTo("{\"error\":\"Internal error\"}");
      List<String> lines = log.lines();
      assertThat(lines).filteredOn(line -> line.contains("GET /sessions/s1/memory -> 500"))
          .singleElement().asString().contains(kind).contains(" at ");
      assertThat(lines).noneMatch(line -> line.startsWith("\tat "));
      assertThat(server.post("/sessions/s1/memory", messages("Human", "hi")).status())
          .as("the server keeps answering").isEqualTo(200);
    }
  }

  /** An in-memory store whose reads throw what the supplier makes. */
  private static final class FailingStore extends ForwardingStore {
    private final Supplier<RuntimeException> failure;

    FailingStore(Supplier<RuntimeException> failure) {
      this.failure = failure;
    }

    @Override
    public CompletableFuture<SessionState> read(String sessionId, int limit) {
      throw failure.get();
    }
  }
}
