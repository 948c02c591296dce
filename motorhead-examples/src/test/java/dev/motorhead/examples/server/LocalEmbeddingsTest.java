package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code MOTORHEAD_EMBEDDINGS=local}: long-term memory on the in-process all-MiniLM-L6-v2 model,
 * which finds by meaning what shares no word with the query (no key, no network).
 */
class LocalEmbeddingsTest {

  private static void converse(TestServer server) {
    server.post("/sessions/s1/memory", messages(
        "Human", "My zebra is named Quincy.", "AI", "What a fine name.",
        "Human", "Acknowledged item 19 of the list.", "AI", "Noted.",
        "Human", "The train leaves at nine tomorrow.", "AI", "I will remind you."));
  }

  private static String nearest(TestServer server, String query) {
    return server.post("/sessions/s1/retrieval", "{\"text\": \"" + query + "\"}").json()
        .path(0).path("content").asText();
  }

  @Test
  void aQuestionFindsTheMessageThatAnswersItWithoutSharingAWord() throws Exception {
    try (TestServer server = TestServer.start(Map.of(
        "MOTORHEAD_LONG_TERM_MEMORY", "true", "MOTORHEAD_EMBEDDINGS", "local"))) {
      converse(server);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(nearest(server, "what pet do I have")).isEqualTo("My zebra is named Quincy."));
      JsonNode hits = server.post("/sessions/s1/retrieval", "{\"text\": \"when do I travel\"}")
          .json();
      assertThat(hits.path(0).path("content").asText())
          .isEqualTo("The train leaves at nine tomorrow.");
    }
  }

  @Test
  void theLexicalDefaultFindsOnlySharedWords() throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_LONG_TERM_MEMORY", "true"))) {
      converse(server);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(nearest(server, "zebra")).isEqualTo("My zebra is named Quincy."));
      assertThat(nearest(server, "what pet do I have")).isNotEqualTo("My zebra is named Quincy.");
    }
  }

  @Test
  void vectorsInMemoryExpireWithTheirSession() throws Exception {
    try (TestServer server = TestServer.start(Map.of(
        "MOTORHEAD_LONG_TERM_MEMORY", "true", "MOTORHEAD_SESSION_TTL", "1"))) {
      server.post("/sessions/s1/memory", messages("Human", "My sister Alice is allergic."));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(nearest(server, "allergic")).isEqualTo("My sister Alice is allergic."));

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(server.get("/sessions/s1/memory").json().path("messages")).isEmpty();
        assertThat(server.post("/sessions/s1/retrieval", "{\"text\": \"allergic\"}").json())
            .isEmpty();
      });
    }
  }
}
