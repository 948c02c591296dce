package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.motorhead.summarize.SummaryPrompt;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The server summarizing with Anthropic's Claude ({@code ANTHROPIC_API_KEY}), against a local
 * server speaking Anthropic's Messages API.
 */
class AnthropicBackendTest {
  private static final String KEY = "sk-ant-test-not-a-real-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop
  private final MockWebServer anthropic = new MockWebServer();

  /** A Messages API answer: one text block and the usage. */
  private static MockResponse message(String text, int inputTokens, int outputTokens) {
    String body = "{\"id\": \"msg_01\", \"type\": \"message\", \"role\": \"assistant\","
        + " \"model\": \"claude-haiku-4-5\", \"content\": [{\"type\": \"text\", \"text\": "
        + JSON.valueToTree(text) + "}], \"stop_reason\": \"end_turn\", \"stop_sequence\": null,"
        + " \"usage\": {\"input_tokens\": " + inputTokens + ", \"output_tokens\": "
        + outputTokens + "}}";
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @Test
  void withAnAnthropicKeyTheContextIsClaudesSummaryAndItsTokensAreCounted() throws Exception {
    anthropic.enqueue(message("The user is planning a trip to Porto.", 120, 9));
    try (TestServer server = TestServer.start(Map.of(
        "ANTHROPIC_API_KEY", KEY,
        "ANTHROPIC_API_BASE", anthropic.url("/v1/").toString(),
        "MOTORHEAD_MAX_WINDOW_SIZE", "4"))) {
      for (int i = 1; i <= 3; i++) {
        server.post("/sessions/s1/memory",
            messages("Human", "Porto question " + i, "AI", "answer " + i));
      }

      JsonNode memory = server.get("/sessions/s1/memory").json();
      assertThat(memory.path("context").asText())
          .isEqualTo("The user is planning a trip to Porto.");
      assertThat(memory.path("tokens").asLong()).isEqualTo(129);
      assertThat(memory.path("messages")).hasSize(2);

      RecordedRequest request = anthropic.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
      assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
      assertThat(request.getHeaders().get("anthropic-version")).isNotBlank();
      JsonNode sent = JSON.readTree(request.getBody().utf8());
      assertThat(sent.path("model").asText()).isEqualTo(Backend.DEFAULT_ANTHROPIC_MODEL);
      assertThat(sent.path("max_tokens").asInt()).isEqualTo(512);
      assertThat(sent.path("system").toString()).contains(
          SummaryPrompt.SYSTEM.substring(0, 60));
      assertThat(sent.path("messages").toString()).contains("Porto question 1", "answer 2")
          .doesNotContain("Porto question 3");
    }
  }

  @Test
  void motorheadModelChoosesTheClaudeModel() throws Exception {
    anthropic.enqueue(message("Summary.", 10, 2));
    try (TestServer server = TestServer.start(Map.of(
        "ANTHROPIC_API_KEY", KEY,
        "ANTHROPIC_API_BASE", anthropic.url("/v1/").toString(),
        "MOTORHEAD_MODEL", "claude-sonnet-4-5",
        "MOTORHEAD_MAX_WINDOW_SIZE", "2"))) {
      server.post("/sessions/s1/memory", messages("Human", "a", "AI", "b", "Human", "c"));

      assertThat(server.get("/sessions/s1/memory").json().path("context").asText())
          .isEqualTo("Summary.");
      JsonNode sent = JSON.readTree(anthropic.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    }
  }

  @Test
  void aRefusedKeyKeepsTheMessagesAndNeverShowsTheKey() throws Exception {
    anthropic.enqueue(new MockResponse.Builder().code(401)
        .setHeader("Content-Type", "application/json")
        .body("{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\","
            + " \"message\": \"invalid x-api-key\"}}")
        .build());
    try (TestServer server = TestServer.start(Map.of(
        "ANTHROPIC_API_KEY", KEY,
        "ANTHROPIC_API_BASE", anthropic.url("/v1/").toString(),
        "MOTORHEAD_COMPACTION", "sync",
        "MOTORHEAD_MAX_WINDOW_SIZE", "2"))) {
      TestServer.Response posted =
          server.post("/sessions/s1/memory", messages("Human", "a", "AI", "b", "Human", "c"));

      assertThat(posted.status()).isEqualTo(200);
      JsonNode memory = server.get("/sessions/s1/memory").json();
      assertThat(memory.path("context").isNull()).isTrue();
      assertThat(memory.path("messages")).hasSize(2);
      assertThat(anthropic.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("x-api-key"))
          .isEqualTo(KEY);
      assertThat(posted.body()).doesNotContain(KEY);
    }
  }
}
