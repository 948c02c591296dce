package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.examples.server.TestServer.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What LangChain's {@code MotorheadMemory} (Python and JS) does: on init it GETs the memory,
 * reverses the messages into chronological order and keeps {@code context}; after each chain call
 * it POSTs the Human/AI pair.
 */
class LangChainFlowTest {

  @Test
  void aLangChainClientSeesAnEmptySessionThenItsWindowNewestFirstAndAContextAfterOverflow()
      throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "6"))) {
      String memory = "/sessions/langchain-user-1/memory";

      JsonNode fresh = server.get(memory).json();
      assertThat(fresh.path("messages")).isEmpty();
      assertThat(fresh.path("context").isNull()).isTrue();

      for (int turn = 1; turn <= 5; turn++) {
        Response saved = server.post(memory, pair(turn));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("status").asText()).isEqualTo("Ok");
      }

      JsonNode after = server.get(memory).json();
      List<String> chronological = reversedContents(after.path("messages"));
      assertThat(after.path("messages").size()).isBetween(1, 6);
      assertThat(chronological).last().isEqualTo(aiSays(5));
      assertThat(after.path("messages").get(0).path("role").asText()).isEqualTo("AI");
      assertThat(after.path("messages").get(1).path("role").asText()).isEqualTo("Human");
      assertThat(after.path("context").isTextual()).isTrue();
      assertThat(after.path("context").asText()).contains("Porto");
      assertThat(after.path("tokens").isIntegralNumber()).isTrue();
    }
  }

  @Test
  void withTheDefaultBackgroundCompactionTheContextAppearsSoonAndTheWindowNeverOverflows()
      throws Exception {
    try (TestServer server = TestServer.start(
        Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "6", "MOTORHEAD_COMPACTION", "async"))) {
      String memory = "/sessions/langchain-user-2/memory";
      for (int turn = 1; turn <= 5; turn++) {
        server.post(memory, pair(turn));
        assertThat(server.get(memory).json().path("messages").size()).isLessThanOrEqualTo(6);
      }

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(server.get(memory).json().path("context").asText()).contains("Porto"));
      assertThat(reversedContents(server.get(memory).json().path("messages")))
          .last().isEqualTo(aiSays(5));
    }
  }

  private static String pair(int turn) {
    return "{\"messages\": [{\"role\": \"Human\", \"content\": \"" + humanSays(turn) + "\"},"
        + " {\"role\": \"AI\", \"content\": \"" + aiSays(turn) + "\"}]}";
  }

  private static String humanSays(int turn) {
    return turn == 1 ? "I am planning a trip to Porto in May." : "Question number " + turn + "?";
  }

  private static String aiSays(int turn) {
    return turn == 1 ? "Porto in May is lovely; try the Ribeira district." : "Answer " + turn + ".";
  }

  private static List<String> reversedContents(JsonNode newestFirst) {
    List<String> contents = new ArrayList<>();
    newestFirst.forEach(m -> contents.add(0, m.path("content").asText()));
    return contents;
  }
}
