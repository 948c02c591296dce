package dev.motorhead.openai;

import static dev.motorhead.openai.WireFixtures.body;
import static dev.motorhead.openai.WireFixtures.chat;
import static dev.motorhead.openai.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.summarize.Summary;
import dev.motorhead.summarize.SummaryPrompt;
import dev.motorhead.summarize.TokenCounter;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OpenAiSummarizerTest {
  private static final String KEY = "sk-test-0123456789";
  private static final OkHttpClient HTTP = new OkHttpClient();

  @StartStop
  private final MockWebServer server = new MockWebServer();

  @AfterAll
  static void closeClient() {
    HTTP.dispatcher().executorService().shutdown();
    HTTP.connectionPool().evictAll();
  }

  private OpenAiSummarizer.Builder summarizer() {
    return OpenAiSummarizer.builder()
        .endpoint(OpenAiEndpoint.compatible(server.url("/v1").toString(), KEY))
        .httpClient(HTTP);
  }

  private static List<Message> lines() {
    return List.of(Message.of("Human", "I'm Ada and I only eat vegan food."),
        Message.of("AI", "Noted. How about a chickpea curry?"));
  }

  @Test
  void postsTheChatCompletionWithModelMessagesMaxTokensAndTemperature() throws Exception {
    server.enqueue(chat("Ada eats only vegan food.", 120));
    summarizer().model("gpt-3.5-turbo").maxSummaryTokens(300).temperature(0.7).build()
        .summarize("", lines());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("api-key")).isNull();
    JsonNode body = body(request);
    assertThat(body.path("model").asText()).isEqualTo("gpt-3.5-turbo");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
    JsonNode messages = body.path("messages");
    assertThat(messages.size()).isEqualTo(2);
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).path("content").asText()).isEqualTo(SummaryPrompt.SYSTEM);
    assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
    assertThat(messages.get(1).path("content").asText()).isEqualTo(
        "Current summary:\n(none)\n\nNew lines of conversation:\n"
            + "Human: I'm Ada and I only eat vegan food.\n"
            + "AI: Noted. How about a chickpea curry?");
  }

  @Test
  void sendsThePreviousSummaryAndTheNewLinesOldestFirst() throws Exception {
    server.enqueue(chat("Ada, vegan, likes curry.", 50));
    summarizer().build().summarize("  Ada is vegan.\n", List.of(
        Message.of("user", "first"), Message.of("assistant", "second"),
        Message.of("user", "third\nwith a second line")));

    String user = body(server.takeRequest()).path("messages").get(1).path("content").asText();
    assertThat(user).isEqualTo("Current summary:\nAda is vegan.\n\nNew lines of conversation:\n"
        + "user: first\nassistant: second\nuser: third\nwith a second line");
  }

  @Test
  void usesTheDefaultModelAndTemperature() throws Exception {
    server.enqueue(chat("Summary.", 10));
    summarizer().build().summarize("", lines());

    JsonNode body = body(server.takeRequest());
    assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void reasoningModelsGetMaxCompletionTokensAndNoTemperatureUnlessSet() throws Exception {
    server.enqueue(chat("Summary.", 10));
    server.enqueue(chat("Summary.", 10));
    summarizer().model("o4-mini").maxSummaryTokens(2_000).build().summarize("", lines());
    summarizer().model("gpt-5-mini").temperature(1).build().summarize("", lines());

    JsonNode o4 = body(server.takeRequest());
    assertThat(o4.path("max_completion_tokens").asInt()).isEqualTo(2_000);
    assertThat(o4.has("max_tokens")).isFalse();
    assertThat(o4.has("temperature")).isFalse();
    JsonNode gpt5 = body(server.takeRequest());
    assertThat(gpt5.path("max_completion_tokens").asInt()).isEqualTo(512);
    assertThat(gpt5.path("temperature").asDouble()).isEqualTo(1.0);
  }

  @Test
  void returnsTheTrimmedTextAndTheTotalTokensUsed() {
    server.enqueue(chat("\n  Ada eats only vegan food.  \n", 321));
    Summary summary = summarizer().build().summarize("", lines());

    assertThat(summary.text()).isEqualTo("Ada eats only vegan food.");
    assertThat(summary.tokensUsed()).isEqualTo(321);
  }

  @Test
  void countsZeroTokensWhenTheServerReportsNoUsage() {
    server.enqueue(json(200, "{\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"Ada is vegan.\"},\"finish_reason\":\"stop\"}]}"));
    Summary summary = summarizer().build().summarize("", lines());

    assertThat(summary).isEqualTo(new Summary("Ada is vegan.", 0));
  }

  @Test
  void passesNoneThroughSoTheCoreKeepsThePreviousSummary() {
    server.enqueue(chat("NONE", 40));
    Summary summary = summarizer().build().summarize("", lines());

    assertThat(summary.hasContent()).isFalse();
    assertThat(summary.tokensUsed()).isEqualTo(40);
  }

  @Test
  void sendsNoAuthorizationHeaderToAKeylessCompatibleServer() throws Exception {
    server.enqueue(chat("Summary.", 10));
    OpenAiSummarizer.builder()
        .endpoint(OpenAiEndpoint.compatible(server.url("/v1/").toString()))
        .httpClient(HTTP).model("llama3.2").build()
        .summarize("", lines());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("api-key")).isNull();
  }

  @Test
  void callsTheAzureChatDeploymentWithApiVersionAndApiKeyHeader() throws Exception {
    server.enqueue(chat("Summary.", 10));
    OpenAiSummarizer.builder()
        .endpoint(OpenAiEndpoint.azure(server.url("/").toString(), KEY, "2024-06-01"))
        .deployment("summaries-4o-mini")
        .httpClient(HTTP).build()
        .summarize("", lines());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/openai/deployments/summaries-4o-mini/chat/completions");
    assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2024-06-01");
    assertThat(request.getHeaders().get("api-key")).isEqualTo(KEY);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void azureDeploymentDefaultsToTheModelName() throws Exception {
    server.enqueue(chat("Summary.", 10));
    OpenAiSummarizer.builder()
        .endpoint(OpenAiEndpoint.azure(server.url("/").toString(), KEY))
        .model("gpt-35-turbo").httpClient(HTTP).build()
        .summarize("", lines());

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/openai/deployments/gpt-35-turbo/chat/completions");
    assertThat(request.getUrl().queryParameter("api-version"))
        .isEqualTo(OpenAiEndpoint.DEFAULT_AZURE_API_VERSION);
  }

  @Test
  void inputBudgetIsTheContextWindowLessPromptSummaryAnswerAndMarginCappedPerCall() {
    // gpt-4: 8,192 - 500 - 2 * 512 - 409 = 6,259
    assertThat(summarizer().model("gpt-4").build().inputTokenBudget()).isEqualTo(6_259);
    // gpt-3.5-turbo: 16,385 - 500 - 2 * 256 - 819 = 14,554
    assertThat(summarizer().model("gpt-3.5-turbo").maxSummaryTokens(256).build()
        .inputTokenBudget()).isEqualTo(14_554);
    // an unknown model is taken to have 8,192 tokens
    assertThat(summarizer().model("llama3.2").build().inputTokenBudget()).isEqualTo(6_259);
    // large windows are capped by maxInputTokensPerCall
    assertThat(summarizer().build().inputTokenBudget()).isEqualTo(16_000);
    assertThat(summarizer().model("gpt-4.1-mini").maxInputTokensPerCall(50_000).build()
        .inputTokenBudget()).isEqualTo(50_000);
  }

  @Test
  void contextWindowOverridesTheTableOfKnownModels() {
    // 32,768 - 500 - 1,024 - 1,638 = 29,606
    assertThat(summarizer().model("llama3.1:8b").contextWindow(32_768)
        .maxInputTokensPerCall(100_000).build().inputTokenBudget()).isEqualTo(29_606);
  }

  @Test
  void promptReserveCoversTheInstructionsAndFraming() {
    TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
    int framing = counter.count(SummaryPrompt.userMessage("", List.of(Message.of("a", "b"))))
        - counter.count("a: b");

    assertThat(counter.count(SummaryPrompt.SYSTEM) + framing + 20)
        .isLessThan(OpenAiSummarizer.PROMPT_RESERVE);
  }

  @Test
  void buildRefusesAContextWindowTooSmallForTheSummaryBudget() {
    assertThatThrownBy(() -> summarizer().contextWindow(2_000).maxSummaryTokens(600).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contextWindow 2000")
        .hasMessageContaining("maxSummaryTokens 600");
  }

  @Test
  void builderNamesTheBadArgument() {
    assertThatThrownBy(() -> OpenAiSummarizer.builder().maxSummaryTokens(0))
        .hasMessage("maxSummaryTokens must be >= 1, was 0");
    assertThatThrownBy(() -> OpenAiSummarizer.builder().temperature(2.5))
        .hasMessage("temperature must be between 0 and 2, was 2.5");
    assertThatThrownBy(() -> OpenAiSummarizer.builder().model(" "))
        .hasMessageStartingWith("model must not be blank");
    assertThatThrownBy(() -> OpenAiSummarizer.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be >= 1, was 0");
    assertThatThrownBy(() -> OpenAiSummarizer.builder().maxRetryDuration(java.time.Duration.ZERO))
        .hasMessage("maxRetryDuration must be positive, was PT0S");
    assertThatThrownBy(() -> OpenAiSummarizer.builder().httpClient(null))
        .hasMessage("httpClient must not be null");
    assertThatThrownBy(() -> OpenAiSummarizer.builder().build())
        .hasMessageStartingWith("endpoint must be set");
    assertThatThrownBy(() -> summarizer().deployment("d").build())
        .hasMessageStartingWith("deployment is only for Azure endpoints");
  }

  @Test
  void summarizeRefusesNoMessages() {
    OpenAiSummarizer summarizer = summarizer().build();

    assertThatThrownBy(() -> summarizer.summarize("", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("newMessages must not be empty");
    assertThatThrownBy(() -> summarizer.summarize(null, lines()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("previousSummary must not be null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAnswerWithoutContentIsAClearError() {
    server.enqueue(json(200, "{\"choices\":[],\"usage\":{\"total_tokens\":3}}"));

    assertThatThrownBy(() -> summarizer().build().summarize("", lines()))
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(200);
          assertThat(e.isRetryable()).isFalse();
        })
        .hasMessageContaining("gpt-4o-mini")
        .hasMessageContaining("without choices[0].message.content");
  }

  @Test
  void aRefusalIsReportedAsSuch() {
    server.enqueue(json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":null,\"refusal\":\"I can't help with that.\"}}]}"));

    assertThatThrownBy(() -> summarizer().build().summarize("", lines()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("refusal instead of a summary: I can't help with that.");
  }

  @Test
  void anEmptySummaryCutByTheTokenLimitSaysToRaiseIt() {
    server.enqueue(json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"\"},\"finish_reason\":\"length\"}],\"usage\":{\"total_tokens\":900}}"));

    assertThatThrownBy(() -> summarizer().model("o3-mini").maxSummaryTokens(300).build()
        .summarize("", lines()))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("empty summary because it reached maxSummaryTokens (300)");
  }

  @Test
  void toStringShowsTheSettingsButNotTheKey() {
    String text = summarizer().model("gpt-4").build().toString();

    assertThat(text).contains("gpt-4", "maxSummaryTokens=512", "inputTokenBudget=6259",
        "apiKey=[redacted]");
    assertThat(text).doesNotContain(KEY);
  }
}
