package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.motorhead.examples.server.TestServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The server summarizing with a model over the OpenAI API, configured by Motorhead's variables. */
class OpenAiBackendTest {
  private static final String KEY = "sk-test-not-a-real-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  @StartStop
  private final MockWebServer model = new MockWebServer();

  @Test
  void withAnOpenAiBaseAndKeyTheContextIsTheModelsSummaryAndTokensAreCounted() throws Exception {
    model.enqueue(chat("The user is planning a trip to Porto.", 42));
    try (TestServer server = TestServer.start(Map.of(
        "OPENAI_API_KEY", KEY,
        "OPENAI_API_BASE", model.url("/v1").toString(),
        "MOTORHEAD_MODEL", "gpt-4o-mini",
        "MOTORHEAD_MAX_WINDOW_SIZE", "4"))) {
      for (int i = 1; i <= 3; i++) {
        server.post("/sessions/s1/memory",
            messages("Human", "Porto question " + i, "AI", "answer " + i));
      }

      JsonNode memory = server.get("/sessions/s1/memory").json();
      assertThat(memory.path("context").asText())
          .isEqualTo("The user is planning a trip to Porto.");
      assertThat(memory.path("tokens").asLong()).isEqualTo(42);
      assertThat(memory.path("messages")).hasSize(2);
      RecordedRequest request = model.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
      JsonNode sent = JSON.readTree(request.getBody().utf8());
      assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(sent.toString()).contains("Porto question 1", "answer 2")
          .doesNotContain("Porto question 3");
    }
  }

  @Test
  void summarizerApiBaseSendsSummariesToAnOpenAiCompatibleServerWithoutAKey() throws Exception {
    model.enqueue(chat("Summary from a local model.", 9));
    try (TestServer server = TestServer.start(Map.of(
        "SUMMARIZER_API_BASE", model.url("/v1").toString(),
        "MOTORHEAD_MAX_WINDOW_SIZE", "2"))) {
      server.post("/sessions/s1/memory", messages("Human", "a", "AI", "b", "Human", "c"));

      assertThat(server.get("/sessions/s1/memory").json().path("context").asText())
          .isEqualTo("Summary from a local model.");
      RecordedRequest request = model.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(request.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void withAzureVariablesRequestsGoToTheDeploymentWithTheApiKeyHeader() throws Exception {
    model.enqueue(chat("Azure summary.", 7));
    try (TestServer server = TestServer.start(Map.of(
        "AZURE_API_KEY", KEY,
        "AZURE_API_BASE", model.url("/").toString(),
        "AZURE_DEPLOYMENT_ID", "chat-deployment",
        "MOTORHEAD_MAX_WINDOW_SIZE", "2"))) {
      server.post("/sessions/s1/memory", messages("Human", "a", "AI", "b", "Human", "c"));

      assertThat(server.get("/sessions/s1/memory").json().path("context").asText())
          .isEqualTo("Azure summary.");
      RecordedRequest request = model.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getUrl().encodedPath())
          .isEqualTo("/openai/deployments/chat-deployment/chat/completions");
      assertThat(request.getHeaders().get("api-key")).isEqualTo(KEY);
    }
  }

  @Test
  void aModelThatRefusesNeverFailsAPostAndLosesNothing() throws Exception {
    model.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
        .body("{\"error\": {\"message\": \"Incorrect API key provided\"}}").build());
    try (TestServer server = TestServer.start(Map.of(
        "OPENAI_API_KEY", KEY,
        "OPENAI_API_BASE", model.url("/v1").toString(),
        "MOTORHEAD_MAX_WINDOW_SIZE", "2"))) {
      Response posted =
          server.post("/sessions/s1/memory", messages("Human", "a", "AI", "b", "Human", "c"));

      assertThat(posted.status()).isEqualTo(200);
      JsonNode memory = server.get("/sessions/s1/memory").json();
      assertThat(memory.path("context").isNull()).isTrue();
      assertThat(memory.path("messages")).hasSize(2);
      assertThat(server.client().session("s1").memory().messages()).hasSize(2);
    }
  }

  @Test
  void longTermMemoryEmbedsWithTheConfiguredEmbeddingModel() throws Exception {
    model.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // two dimensions: [1, 0] for texts about peanuts, [0, 1] for anything else
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        JsonNode input;
        try {
          input = JSON.readTree(request.getBody().utf8()).path("input");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        for (int i = 0; i < input.size(); i++) {
          boolean peanuts = input.get(i).asText().contains("peanut");
          data.addObject().put("index", i).putArray("embedding")
              .add(peanuts ? 1.0 : 0.0).add(peanuts ? 0.0 : 1.0);
        }
        return new MockResponse.Builder().code(200)
            .setHeader("Content-Type", "application/json").body(body.toString()).build();
      }
    });
    try (TestServer server = TestServer.start(Map.of(
        "OPENAI_API_BASE", model.url("/v1").toString(),
        "MOTORHEAD_LONG_TERM_MEMORY", "true",
        "MOTORHEAD_EMBEDDING_MODEL", "test-embedder",
        "MOTORHEAD_EMBEDDING_DIMENSIONS", "2"))) {
      server.post("/sessions/s1/memory",
          messages("Human", "Alice has a peanut allergy.", "AI", "Noted."));

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode hits = server.post("/sessions/s1/retrieval", "{\"text\": \"peanut?\"}").json();
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).path("content").asText()).isEqualTo("Alice has a peanut allergy.");
        assertThat(hits.get(0).path("dist").asDouble()).isCloseTo(0.0, within(1e-6));
        assertThat(hits.get(1).path("dist").asDouble()).isCloseTo(1.0, within(1e-6));
      });
      RecordedRequest first = model.takeRequest(5, TimeUnit.SECONDS);
      assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
      assertThat(JSON.readTree(first.getBody().utf8()).path("model").asText())
          .isEqualTo("test-embedder");
      assertThat(first.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void theStartupLineNamesTheModelAndNeverTheKey() {
    try (Backend backend = Backend.open(ServerConfig.fromEnv(Map.of(
        "OPENAI_API_KEY", KEY, "MOTORHEAD_MODEL", "gpt-3.5-turbo")))) {
      assertThat(backend.description()).contains("summarizer=openai gpt-3.5-turbo")
          .doesNotContain(KEY);
    }
  }

  @Test
  void anUnusableKeyStopsStartupWithoutShowingIt() {
    assertThatThrownBy(() -> Backend.open(ServerConfig.fromEnv(
        Map.of("OPENAI_API_KEY", "sk-bad\u0001key"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("OPENAI_API_KEY")
        .hasMessageNotContaining("sk-bad");
  }

  private static MockResponse chat(String content, int totalTokens) {
    String body = "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"choices\": [{"
        + "\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\","
        + " \"content\": " + JSON.valueToTree(content) + "}}],"
        + " \"usage\": {\"total_tokens\": " + totalTokens + "}}";
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(body).build();
  }
}
