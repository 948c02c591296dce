package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.examples.server.TestServer.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /sessions/{id}/retrieval} with MOTORHEAD_LONG_TERM_MEMORY=true and no model. */
class LongTermMemoryTest {
  static final String PEANUTS = "My sister Alice has a peanut allergy.";

  /** Posts a conversation that overflows a window of 4, so the peanut line is summarized. */
  static void converse(TestServer server, String session) {
    server.post("/sessions/" + session + "/memory", messages(
        "Human", PEANUTS, "AI", "Noted, I will avoid them.",
        "Human", "We are going to Lisbon in May.", "AI", "Lovely, take tram 28."));
    server.post("/sessions/" + session + "/memory",
        messages("Human", "What wine goes with fish?", "AI", "A crisp white wine."));
    server.post("/sessions/other/memory", messages("Human", "Peanut butter is my allergy."));
  }

  /** Asks until indexing (asynchronous) has caught up and the nearest hit is the expected one. */
  static JsonNode retrieve(TestServer server, String session, String text, String nearest) {
    List<JsonNode> answer = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Response r = server.post("/sessions/" + session + "/retrieval",
          "{\"text\": \"" + text + "\"}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path(0).path("content").asText()).isEqualTo(nearest);
      answer.add(0, r.json());
    });
    return answer.get(0);
  }

  @Test
  void retrievalFindsTheNearestMessagesOfTheSessionEvenOnceSummarized() throws Exception {
    try (TestServer server = TestServer.start(
        Map.of("MOTORHEAD_LONG_TERM_MEMORY", "true", "MOTORHEAD_MAX_WINDOW_SIZE", "4"))) {
      converse(server, "s1");
      assertThat(server.get("/sessions/s1/memory").json().path("context").asText())
          .contains("peanut allergy");

      JsonNode hits = retrieve(server, "s1", "peanut allergy", PEANUTS);

      assertThat(hits.size()).isBetween(1, 10);
      assertThat(hits.get(0).path("role").asText()).isEqualTo("Human");
      List<Double> distances = new ArrayList<>();
      hits.forEach(hit -> {
        assertThat(hit.fieldNames()).toIterable().containsExactly("role", "content", "dist");
        assertThat(hit.path("content").asText()).isNotEqualTo("Peanut butter is my allergy.");
        distances.add(hit.path("dist").asDouble());
      });
      assertThat(distances).isSorted().allSatisfy(d -> assertThat(d).isBetween(0.0, 2.0));
    }
  }

  @Test
  void deletingASessionForgetsItsLongTermMemoryToo() throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_LONG_TERM_MEMORY", "true"))) {
      converse(server, "s1");
      retrieve(server, "s1", "peanut allergy", PEANUTS);

      server.delete("/sessions/s1/memory");

      Response after = server.post("/sessions/s1/retrieval", "{\"text\": \"peanut allergy\"}");
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.json()).isEmpty();
    }
  }
}
