package dev.motorhead.langchain4j;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notNull;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.summarize.SummaryPrompt;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any LangChain4j {@link ChatModel} (OpenAI, Anthropic, Gemini, Mistral, Ollama, Bedrock, Azure,
 * ...) as the {@link Summarizer} that folds old messages into a session's running summary.
 *
 * <p>Each call sends one chat request: a system message with this project's instructions (the
 * same as motorhead-openai's: progressive summarization that keeps names, facts, decisions,
 * preferences and open questions, in the third person, returning the current summary unchanged
 * when the new lines add nothing) and a user message holding the current summary and the new
 * lines, oldest first, as {@code "role: content"}. It returns the answer's text, trimmed, and the
 * tokens the response's {@link TokenUsage} reports: its total, else input plus output, else 0.
 * The model's own settings (model name, temperature, timeouts, retries) are the ones it was
 * built with; {@link Builder#maxOutputTokens} and {@link Builder#temperature} override them per
 * request when set.
 *
 * <p><b>Failures.</b> What the model throws becomes a {@link ModelException}: retryable for
 * LangChain4j's {@code RetriableException}s (rate limit, timeout, server error), HTTP 408, 409,
 * 425, 429 and 5xx (but 501, 505), broken connections and unknown failures; not retryable for its
 * {@code NonRetriableException}s (authentication, invalid request, unknown model, filtered
 * content), unsupported features and other HTTP statuses. An answer without text is a
 * non-retryable {@link ModelException}. This class does not retry by itself: LangChain4j's models
 * retry HTTP calls as configured, and a failed compaction commits nothing and is tried again with
 * backoff by the {@link dev.motorhead.MemoryClient}.
 *
 * <p><b>Input budget.</b> {@link #inputTokenBudget()} is {@link Builder#inputTokenBudget} (3,000
 * by default): keep it below the model's context window less room for the instructions (about
 * 500 tokens), the current summary and the answer.
 *
 * <p>Immutable and thread-safe if the model is (LangChain4j's models are). The model is the
 * caller's: this class never closes it.
 *
 * <pre>{@code
 * // model: any LangChain4j ChatModel (OpenAiChatModel, AnthropicChatModel, OllamaChatModel, ...)
 * MemoryClient client = MemoryClient.builder()
 *     .summarizer(ChatModelSummarizer.builder()
 *         .chatModel(model)
 *         .inputTokenBudget(8_000)
 *         .maxOutputTokens(512)
 *         .build())
 *     .build();
 * }</pre>
 */
public final class ChatModelSummarizer implements Summarizer {
  /** The input budget when none is set. */
  public static final int DEFAULT_INPUT_TOKEN_BUDGET = 3_000;

  private static final Logger log = LoggerFactory.getLogger(ChatModelSummarizer.class);

  private final ChatModel model;
  private final int inputTokenBudget;
  private final Integer maxOutputTokens;
  private final Double temperature;
  private final String what;

  private ChatModelSummarizer(Builder b) {
    this.model = b.model;
    this.inputTokenBudget = b.inputTokenBudget;
    this.maxOutputTokens = b.maxOutputTokens;
    this.temperature = b.temperature;
    this.what = "Summarizing with " + model.getClass().getSimpleName();
  }

  /**
   * A summarizer over the model with the defaults above.
   *
   * @param model a chat model the caller owns; never closed here
   * @return a new summarizer
   * @throws IllegalArgumentException if model is null
   */
  public static ChatModelSummarizer create(ChatModel model) {
    return builder().chatModel(model).build();
  }

  /**
   * A builder, to set the model, the input budget and the per-request output limit and temperature.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Folds the new messages into the summary with one chat request.
   *
   * @throws IllegalArgumentException if previousSummary is null or newMessages is null or empty
   * @throws ModelException if the model fails or answers without text, as described above
   */
  @Override
  public Summary summarize(String previousSummary, List<Message> newMessages) {
    notNull(previousSummary, "previousSummary");
    notNull(newMessages, "newMessages");
    if (newMessages.isEmpty()) {
      throw new IllegalArgumentException("newMessages must not be empty");
    }
    ChatRequest.Builder request = ChatRequest.builder()
        .messages(SystemMessage.from(SummaryPrompt.SYSTEM),
            UserMessage.from(SummaryPrompt.userMessage(previousSummary, newMessages)));
    if (maxOutputTokens != null) {
      request.maxOutputTokens(maxOutputTokens);
    }
    if (temperature != null) {
      request.temperature(temperature);
    }
    ChatResponse response;
    try {
      response = model.chat(request.build());
    } catch (RuntimeException e) {
      throw ModelFailures.map(e, what);
    }
    AiMessage answer = response == null ? null : response.aiMessage();
    String text = answer == null || answer.text() == null ? "" : answer.text().strip();
    boolean cut = response != null && response.finishReason() == FinishReason.LENGTH;
    if (text.isEmpty()) {
      throw new ModelException(what + " returned no summary text"
          + (cut ? " because the answer reached its token limit: raise maxOutputTokens" : ""),
          0, false);
    }
    if (cut) {
      log.warn("{} stopped at the answer's token limit: the summary may be cut short", what);
    }
    return new Summary(text, tokens(response.tokenUsage()));
  }

  private static long tokens(TokenUsage usage) {
    if (usage == null) {
      return 0;
    }
    if (usage.totalTokenCount() != null) {
      return Math.max(0, usage.totalTokenCount());
    }
    long input = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long output = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return Math.max(0, input + output);
  }

  @Override
  public int inputTokenBudget() {
    return inputTokenBudget;
  }

  @Override
  public String toString() {
    return "ChatModelSummarizer{model=" + model.getClass().getSimpleName()
        + ", inputTokenBudget=" + inputTokenBudget + "}";
  }

  /** Builds a {@link ChatModelSummarizer}; each setting is checked as it is set. Not thread-safe. */
  public static final class Builder {
    private ChatModel model;
    private int inputTokenBudget = DEFAULT_INPUT_TOKEN_BUDGET;
    private Integer maxOutputTokens;
    private Double temperature;

    private Builder() {}

    /**
     * The chat model that writes the summaries. Required.
     *
     * @param chatModel a chat model the caller owns; never closed here
     * @return this builder
     */
    public Builder chatModel(ChatModel chatModel) {
      this.model = notNull(chatModel, "chatModel");
      return this;
    }

    /**
     * The most tokens of new messages one call takes (counted as the messages' token counts);
     * {@value #DEFAULT_INPUT_TOKEN_BUDGET} by default. Longer histories arrive in several calls.
     *
     * @param inputTokenBudget tokens, at least 100
     * @return this builder
     * @throws IllegalArgumentException if below 100
     */
    public Builder inputTokenBudget(int inputTokenBudget) {
      this.inputTokenBudget = atLeast(inputTokenBudget, 100, "inputTokenBudget");
      return this;
    }

    /**
     * The longest answer, in tokens, sent as the request's {@code maxOutputTokens}; unset by
     * default.
     *
     * @param maxOutputTokens tokens, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxOutputTokens(int maxOutputTokens) {
      this.maxOutputTokens = atLeast(maxOutputTokens, 1, "maxOutputTokens");
      return this;
    }

    /**
     * The sampling temperature, 0 to 2, sent with each request; unset (the model's) by default.
     *
     * @param temperature 0 to 2
     * @return this builder
     * @throws IllegalArgumentException if outside 0 to 2
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
     * @return a new, immutable summarizer
     * @throws IllegalArgumentException if no chat model was set
     */
    public ChatModelSummarizer build() {
      if (model == null) {
        throw new IllegalArgumentException("chatModel must be set");
      }
      return new ChatModelSummarizer(this);
    }
  }
}
