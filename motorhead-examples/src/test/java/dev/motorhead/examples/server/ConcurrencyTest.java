package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients writing one session at once over HTTP. */
class ConcurrencyTest {
  private static final int CLIENTS = 8;
  private static final int POSTS_EACH = 25;

  /** Appends every folded message to the summary as a line, so the summary shows what it got. */
  private static final Summarizer LISTING =
      (previous, messages) -> {
        StringBuilder sb = new StringBuilder(previous);
        for (Message m : messages) {
          sb.append(sb.length() == 0 ? "" : "\n").append(m.content());
        }
        return new Summary(sb.toString(), messages.size());
      };

  @Test
  void parallelPostsToOneSessionAllSucceedAndEveryMessageIsInTheWindowOrTheSummaryExactlyOnce()
      throws Exception {
    MemoryClient client = MemoryClient.builder().windowSize(12).summarizer(LISTING)
        .compactionMode(CompactionMode.SYNC).build();
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_WORKER_THREADS", "8"), client)) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<List<Integer>>> statuses = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int clientNo = c;
        statuses.add(pool.submit(() -> {
          List<Integer> codes = new ArrayList<>();
          for (int i = 0; i < POSTS_EACH; i++) {
            codes.add(server.post("/sessions/shared/memory", "{\"messages\": [{\"role\": \"Human\","
                + " \"content\": \"m-" + clientNo + "-" + i + "\"}]}").status());
          }
          return codes;
        }));
      }
      for (Future<List<Integer>> f : statuses) {
        assertThat(f.get()).containsOnly(200);
      }
      pool.shutdown();

      server.client().session("shared").compact();
      JsonNode memory = server.get("/sessions/shared/memory").json();
      List<String> seen = new ArrayList<>();
      memory.path("messages").forEach(m -> seen.add(m.path("content").asText()));
      assertThat(seen).hasSizeLessThanOrEqualTo(12);
      seen.addAll(List.of(memory.path("context").asText("").split("\n")));
      List<String> posted = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        for (int i = 0; i < POSTS_EACH; i++) {
          posted.add("m-" + c + "-" + i);
        }
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(posted);
      assertThat(memory.path("tokens").asLong()).as("one summarizer token per message folded")
          .isEqualTo(posted.size() - memory.path("messages").size());
    }
  }
}
