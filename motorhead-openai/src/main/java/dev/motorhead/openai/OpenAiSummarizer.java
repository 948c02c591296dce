package dev.motorhead.openai;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.summarize.SummaryPrompt;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Summarizer} that asks an OpenAI chat model (or an Azure OpenAI deployment, or any
 * OpenAI-compatible server) to fold new messages into the running summary.
 *
 * <p>Each call sends one chat completion: a system message with this module's instructions
 * (progressive summarization that keeps names, facts, decisions, preferences and open
 * questions, in the third person, returning the current summary unchanged when the new lines add
 * nothing) and a user message holding the current summary and the new lines, oldest first, as
 * {@code "role: content"}. It returns the model's answer, trimmed, and the response's {@code
 * usage.total_tokens} (0 when the server reports no usage).
 *
 * <p>Defaults: model {@value #DEFAULT_MODEL}; {@code maxSummaryTokens} {@value
 * #DEFAULT_MAX_SUMMARY_TOKENS}; temperature {@value #DEFAULT_TEMPERATURE} (not sent to
 * reasoning models, o-series and gpt-5, unless set, since they accept only their own);
 * {@code maxInputTokensPerCall} {@value #DEFAULT_MAX_INPUT_TOKENS_PER_CALL}. The answer's length
 * is capped with {@code max_tokens}, or {@code max_completion_tokens} for reasoning models, whose
 * budget also covers their hidden reasoning: give those a larger {@code maxSummaryTokens}.
 *
 * <p><b>Input budget.</b> {@link #inputTokenBudget()} is {@code min(maxInputTokensPerCall,
 * contextWindow - 500 - 2 * maxSummaryTokens - contextWindow / 20)}: the context window less
 * room for the instructions (500), for the current summary and for the answer (a {@code
 * maxSummaryTokens} each) and a 5% margin for counting differences. The context window comes
 * from a table of known models (gpt-4o and gpt-4o-mini 128,000; gpt-4.1 1,047,576; gpt-4-turbo
 * 128,000; gpt-4 8,192; gpt-3.5-turbo 16,385; o1, o3, o4-mini 200,000; gpt-5 400,000; any other
 * name 8,192) unless {@link Builder#contextWindow} overrides it.
 *
 * <p><b>Failures.</b> Rate limits (429, honouring {@code Retry-After}), request timeouts (408),
 * server errors (5xx but 501 and 505), timeouts and broken connections are tried again with
 * exponential backoff and jitter, at most {@link Builder#maxAttempts} times within {@link
 * Builder#maxRetryDuration}; then a retryable {@link ModelException} is thrown. Other statuses
 * (400, 401, 403, 404, ...) throw at once, not retryable, naming the model, the status and the
 * API's own message. An empty or malformed body, or an answer without summary text, is a
 * non-retryable {@link ModelException} too. The
 * API key never appears in a message, a log line or {@link #toString()}.
 *
 * <p><b>Thread-safety and lifecycle.</b> Immutable and thread-safe. An {@link OkHttpClient}
 * passed to {@link Builder#httpClient} belongs to the caller, who closes it; without one the
 * summarizer makes its own (timeouts: connect 10 s, read 60 s, call 90 s), which {@link #close()}
 * shuts down.
 *
 * <pre>{@code
 * try (OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
 *     .apiKey(System.getenv("OPENAI_API_KEY"))
 *     .model("gpt-4o-mini")
 *     .maxSummaryTokens(512)
 *     .build()) {
 *   Summary s = summarizer.summarize("", List.of(
 *       Message.of("user", "I'm Ada and I only eat vegan food."),
 *       Message.of("assistant", "Noted, Ada: vegan recipes only.")));
 * }
 * }</pre>
 */
public final class OpenAiSummarizer implements Summarizer, AutoCloseable {
  /** The chat model used when none is set: a small, current, inexpensive model. */
  public static final String DEFAULT_MODEL = "gpt-4o-mini";

  /** The longest summary the model may answer with, in tokens, when none is set. */
  public static final int DEFAULT_MAX_SUMMARY_TOKENS = 512;

  /** The sampling temperature sent to non-reasoning models when none is set: low, for fidelity. */
  public static final double DEFAULT_TEMPERATURE = 0.2;

  /** The cap on {@link #inputTokenBudget()} when none is set. */
  public static final int DEFAULT_MAX_INPUT_TOKENS_PER_CALL = 16_000;

  /** Tokens kept for the instructions and the framing of the user message. */
  static final int PROMPT_RESERVE = 500;
  static final int MIN_INPUT_BUDGET = 256;

  private static final Logger log = LoggerFactory.getLogger(OpenAiSummarizer.class);

  private final OpenAiTransport transport;
  private final String model;
  private final int maxSummaryTokens;
  private final Double temperature;
  private final String maxTokensField;
  private final int inputTokenBudget;
  private final HttpUrl url;
  private final String what;

  private OpenAiSummarizer(Builder b, OpenAiTransport transport, int inputTokenBudget) {
    this.transport = transport;
    this.model = b.model;
    this.maxSummaryTokens = b.maxSummaryTokens;
    boolean reasoning = KnownModels.isReasoningModel(b.model);
    this.temperature = b.temperature != null ? b.temperature
        : reasoning ? null : Double.valueOf(DEFAULT_TEMPERATURE);
    this.maxTokensField = reasoning ? "max_completion_tokens" : "max_tokens";
    this.inputTokenBudget = inputTokenBudget;
    String deployment = b.deployment != null ? b.deployment : b.model;
    this.url = b.endpoint.url("chat/completions", deployment);
    this.what = "chat completion with model " + b.model
        + (b.endpoint.isAzure() ? " (deployment " + deployment + ")" : "");
  }

  /**
   * A builder with the defaults above; an endpoint or API key must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Folds the new messages into the summary with one chat completion.
   *
   * @return the model's answer, trimmed, and the tokens the call used
   * @throws IllegalArgumentException if previousSummary is null or newMessages is null or empty
   * @throws ModelException if the call fails, as described above
   */
  @Override
  public Summary summarize(String previousSummary, List<Message> newMessages) {
    notNull(previousSummary, "previousSummary");
    notNull(newMessages, "newMessages");
    if (newMessages.isEmpty()) {
      throw new IllegalArgumentException("newMessages must not be empty");
    }
    JsonNode json = transport.post(url, WireFormat.chatRequest(model, SummaryPrompt.SYSTEM,
        SummaryPrompt.userMessage(previousSummary, newMessages), maxTokensField, maxSummaryTokens,
        temperature), what);

    JsonNode choice = json.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      JsonNode refusal = choice.path("message").path("refusal");
      throw transport.badAnswer(what, refusal.isTextual()
          ? "with a refusal instead of a summary: " + refusal.asText()
          : "without choices[0].message.content");
    }
    String text = content.asText().strip();
    boolean cut = "length".equals(choice.path("finish_reason").asText(""));
    if (text.isEmpty()) {
      throw transport.badAnswer(what, "with an empty summary" + (cut
          ? " because it reached maxSummaryTokens (" + maxSummaryTokens + "): raise it" : ""));
    }
    if (cut) {
      log.warn("{} stopped at maxSummaryTokens ({}): the summary may be cut short",
          what, maxSummaryTokens);
    }
    JsonNode total = json.path("usage").path("total_tokens");
    long tokensUsed = 0;
    if (total.canConvertToLong() && total.asLong() >= 0) {
      tokensUsed = total.asLong();
    } else {
      log.debug("{} reported no usage.total_tokens; counting 0 tokens", what);
    }
    return new Summary(text, tokensUsed);
  }

  /** The most tokens of new messages one call takes, by the formula in the class comment. */
  @Override
  public int inputTokenBudget() {
    return inputTokenBudget;
  }

  /** Shuts down the HTTP client if this summarizer made it; a caller's client stays open. */
  @Override
  public void close() {
    transport.close();
  }

  OpenAiTransport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "OpenAiSummarizer{" + transport.endpoint() + ", model=" + model
        + ", maxSummaryTokens=" + maxSummaryTokens + ", inputTokenBudget=" + inputTokenBudget
        + "}";
  }

  /** Builds an {@link OpenAiSummarizer}; each setting is checked as it is set. Not thread-safe. */
  public static final class Builder {
    private OpenAiEndpoint endpoint;
    private String model = DEFAULT_MODEL;
    private String deployment;
    private int maxSummaryTokens = DEFAULT_MAX_SUMMARY_TOKENS;
    private Double temperature;
    private int contextWindow;
    private int maxInputTokensPerCall = DEFAULT_MAX_INPUT_TOKENS_PER_CALL;
    private final OpenAiTransport.Settings transport = new OpenAiTransport.Settings();

    private Builder() {}

    /**
     * Where to send requests: OpenAI, a compatible server or Azure. Required (or apiKey).
     *
     * @param endpoint the server and the key it is sent; replaces an endpoint or key set before
     * @return this builder
     * @throws IllegalArgumentException if endpoint is null
     */
    public Builder endpoint(OpenAiEndpoint endpoint) {
      this.endpoint = notNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Shorthand for {@code endpoint(OpenAiEndpoint.openAi(apiKey))}.
     *
     * @param apiKey an OpenAI API key; replaces an endpoint or key set before
     * @return this builder
     * @throws IllegalArgumentException if apiKey is null, blank, or holds a character that cannot
     *     be sent in a header (the message never shows the key)
     */
    public Builder apiKey(String apiKey) {
      return endpoint(OpenAiEndpoint.openAi(apiKey));
    }

    /**
     * The chat model, {@value #DEFAULT_MODEL} by default; e.g. Motorhead's gpt-3.5-turbo.
     *
     * @param model a name the server knows; surrounding whitespace is removed. It also decides
     *     the context window (from the table of known models) and the reasoning-model parameters
     * @return this builder
     * @throws IllegalArgumentException if model is null or blank
     */
    public Builder model(String model) {
      this.model = notBlank(model, "model").strip();
      return this;
    }

    /**
     * The Azure chat deployment id; defaults to the model name. Only for Azure endpoints:
     * {@link #build()} refuses it for any other.
     *
     * @param deployment the id in the deployment's URL; surrounding whitespace is removed
     * @return this builder
     * @throws IllegalArgumentException if deployment is null or blank
     */
    public Builder deployment(String deployment) {
      this.deployment = notBlank(deployment, "deployment").strip();
      return this;
    }

    /**
     * The longest summary, in tokens, the model may answer with. Default 512.
     *
     * @param maxSummaryTokens at least 1; sent as {@code max_tokens}, or {@code
     *     max_completion_tokens} for reasoning models. A larger value leaves a smaller input budget
     * @return this builder
     * @throws IllegalArgumentException if maxSummaryTokens is below 1
     */
    public Builder maxSummaryTokens(int maxSummaryTokens) {
      this.maxSummaryTokens = atLeast(maxSummaryTokens, 1, "maxSummaryTokens");
      return this;
    }

    /**
     * Sampling temperature, 0 to 2. Default 0.2, and not sent to reasoning models unless set.
     *
     * @param temperature 0 to 2; low values keep summaries close to what was said
     * @return this builder
     * @throws IllegalArgumentException if temperature is not between 0 and 2 (or is NaN)
     */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException(
            "temperature must be between 0 and 2, was " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * The model's context window in tokens, overriding the table of known models.
     *
     * @param contextWindow at least 1; {@link #build()} refuses one that leaves fewer than 256
     *     input tokens
     * @return this builder
     * @throws IllegalArgumentException if contextWindow is below 1
     */
    public Builder contextWindow(int contextWindow) {
      this.contextWindow = atLeast(contextWindow, 1, "contextWindow");
      return this;
    }

    /**
     * A cap on {@link #inputTokenBudget()} whatever the context window. Default 16,000.
     *
     * @param maxInputTokensPerCall at least 1
     * @return this builder
     * @throws IllegalArgumentException if maxInputTokensPerCall is below 1
     */
    public Builder maxInputTokensPerCall(int maxInputTokensPerCall) {
      this.maxInputTokensPerCall = atLeast(maxInputTokensPerCall, 1, "maxInputTokensPerCall");
      return this;
    }

    /**
     * An HTTP client the caller owns and closes; by default the summarizer makes its own. Its
     * connection pool, dispatcher and timeouts are used as they are, but redirects are never
     * followed, so that a key cannot be forwarded to another host.
     *
     * @param httpClient the caller's client, which the summarizer never closes
     * @return this builder
     * @throws IllegalArgumentException if httpClient is null
     */
    public Builder httpClient(OkHttpClient httpClient) {
      transport.httpClient(httpClient);
      return this;
    }

    /**
     * The most attempts per call, the first included. Default 4; 1 disables retries.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if maxAttempts is below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      transport.maxAttempts(maxAttempts);
      return this;
    }

    /**
     * The longest time spent retrying one request: no wait is begun that would end later than
     * this after the first attempt started (a wait is shortened to fit). Default 60 s. An
     * attempt in flight is bounded by the HTTP client's own timeouts.
     *
     * @param maxRetryDuration positive
     * @return this builder
     * @throws IllegalArgumentException if maxRetryDuration is null, zero or negative
     */
    public Builder maxRetryDuration(Duration maxRetryDuration) {
      transport.maxRetryDuration(maxRetryDuration);
      return this;
    }

    Builder initialBackoff(Duration initialBackoff) {
      transport.initialBackoff(initialBackoff);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      transport.sleeper(sleeper);
      return this;
    }

    Builder clock(Clock clock) {
      transport.clock(clock);
      return this;
    }

    Builder jitter(DoubleSupplier jitter) {
      transport.jitter(jitter);
      return this;
    }

    /**
     * Checks the settings against each other, works out the input budget and builds the
     * summarizer, with an HTTP client of its own unless {@link #httpClient} was set.
     *
     * @return a new summarizer, which the caller closes
     * @throws IllegalArgumentException if no endpoint or key was set, a deployment was set for an
     *     endpoint that is not Azure, or the context window leaves fewer than 256 input tokens
     */
    public OpenAiSummarizer build() {
      transport.checkEndpoint(endpoint, deployment);
      int window = contextWindow > 0 ? contextWindow : KnownModels.contextWindow(model);
      long room = (long) window - PROMPT_RESERVE - 2L * maxSummaryTokens - window / 20;
      if (room < MIN_INPUT_BUDGET) {
        throw new IllegalArgumentException("contextWindow " + window + " leaves " + room
            + " input tokens with maxSummaryTokens " + maxSummaryTokens + ", fewer than "
            + MIN_INPUT_BUDGET + "; set a larger contextWindow or smaller maxSummaryTokens");
      }
      int budget = (int) Math.min(maxInputTokensPerCall, room);
      return new OpenAiSummarizer(this, transport.build(endpoint), budget);
    }
  }
}
