package dev.motorhead.spring.ai;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.summarize.SummaryPrompt;
import java.util.List;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Any Spring AI {@link ChatModel} as the {@link Summarizer}: OpenAI, Anthropic, Ollama, Mistral,
 * Gemini, Bedrock, Azure, whatever the application already has a model bean for.
 *
 * <pre>{@code
 * Summarizer summarizer = ChatModelSummarizer.builder(chatModel)
 *     .model("gpt-4o-mini")      // optional: a cheaper model for summaries
 *     .maxSummaryTokens(400)
 *     .build();
 * MemoryClient client = MemoryClient.builder().summarizer(summarizer).build();
 * }</pre>
 *
 * <p>Each call sends one prompt of this module's own: a system message telling the model how to
 * fold new lines into a running summary, and a user message with the current summary and the new
 * lines, oldest first, one {@code role: content} line each. The options are the model's own
 * ({@link ChatModel#getOptions()}, so provider-specific settings carry over) with the
 * {@linkplain Builder#model(String) model}, {@linkplain Builder#maxSummaryTokens(int) token
 * limit} and {@linkplain Builder#temperature(double) temperature} set here when given. The
 * tokens used are the response's {@code Usage.getTotalTokens()} (0 when the model reports none).
 *
 * <p><b>Failures</b> become a {@link ModelException}: retryable for Spring AI's
 * {@code TransientAiException}, HTTP 408, 429 and 5xx, timeouts and I/O errors; not retryable for
 * {@code NonTransientAiException} and other 4xx. An answer without text is a non-retryable
 * {@code ModelException}. Core then keeps the messages and tries again later with backoff.
 *
 * <p>Immutable and thread-safe if the model is (Spring AI's models are). The model is the
 * caller's: this class never closes it.
 */
public final class ChatModelSummarizer implements Summarizer {
  private final ChatModel chatModel;
  private final String model;
  private final Integer maxSummaryTokens;
  private final Double temperature;
  private final int inputTokenBudget;

  private ChatModelSummarizer(Builder b) {
    this.chatModel = b.chatModel;
    this.model = b.model;
    this.maxSummaryTokens = b.maxSummaryTokens;
    this.temperature = b.temperature;
    this.inputTokenBudget = b.inputTokenBudget;
  }

  /**
   * A summarizer with the model's own options and an input budget of 3,000 tokens per call.
   *
   * @param chatModel the model that writes the summaries; the caller's, never closed here
   * @return a new summarizer
   * @throws IllegalArgumentException if chatModel is null
   */
  public static ChatModelSummarizer create(ChatModel chatModel) {
    return builder(chatModel).build();
  }

  /**
   * A builder for a summarizer on this model; built unchanged, it gives what {@link #create}
   * does.
   *
   * @param chatModel the model that writes the summaries; the caller's, never closed here
   * @return a new builder
   * @throws IllegalArgumentException if chatModel is null
   */
  public static Builder builder(ChatModel chatModel) {
    return new Builder(notNull(chatModel, "chatModel"));
  }

  /**
   * Folds the new messages into the summary with one model call.
   *
   * @throws IllegalArgumentException if previousSummary is null or newMessages is null or empty
   * @throws ModelException if the model fails or answers without text
   */
  @Override
  public Summary summarize(String previousSummary, List<Message> newMessages) {
    notNull(previousSummary, "previousSummary");
    notNull(newMessages, "newMessages");
    if (newMessages.isEmpty()) {
      throw new IllegalArgumentException("newMessages must not be empty");
    }
    Prompt prompt = new Prompt(
        List.of(new SystemMessage(SummaryPrompt.SYSTEM),
            new UserMessage(SummaryPrompt.userMessage(previousSummary, newMessages))),
        options());
    ChatResponse response;
    try {
      response = chatModel.call(prompt);
    } catch (RuntimeException e) {
      throw ModelFailures.map(what(), e);
    }
    Generation result = response == null ? null : response.getResult();
    String text = result == null || result.getOutput() == null ? null : result.getOutput().getText();
    if (text == null || text.isBlank()) {
      throw new ModelException(what() + " answered without summary text", 0, false);
    }
    return new Summary(text.strip(), tokensUsed(response));
  }

  @Override
  public int inputTokenBudget() {
    return inputTokenBudget;
  }

  private ChatOptions options() {
    if (model == null && maxSummaryTokens == null && temperature == null) {
      return chatModel.getOptions();
    }
    ChatOptions.Builder<?> b = chatModel.getOptions().mutate();
    if (model != null) {
      b.model(model);
    }
    if (maxSummaryTokens != null) {
      b.maxTokens(maxSummaryTokens);
    }
    if (temperature != null) {
      b.temperature(temperature);
    }
    return b.build();
  }

  private static long tokensUsed(ChatResponse response) {
    if (response.getMetadata() == null) {
      return 0;
    }
    Usage usage = response.getMetadata().getUsage();
    Integer total = usage == null ? null : usage.getTotalTokens();
    return total == null || total < 0 ? 0 : total;
  }

  private String what() {
    return "Spring AI chat model " + chatModel.getClass().getSimpleName()
        + (model != null ? " (model " + model + ")" : "");
  }

  @Override
  public String toString() {
    return "ChatModelSummarizer{" + chatModel.getClass().getSimpleName()
        + (model != null ? ", model=" + model : "") + ", inputTokenBudget=" + inputTokenBudget
        + "}";
  }

  /** Builds a {@link ChatModelSummarizer}. Each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private final ChatModel chatModel;
    private String model;
    private Integer maxSummaryTokens;
    private Double temperature;
    private int inputTokenBudget = 3_000;

    private Builder(ChatModel chatModel) {
      this.chatModel = chatModel;
    }

    /**
     * The model name sent with summary calls; the chat model's own default when not set.
     *
     * @param model a name the model's provider knows, e.g. {@code gpt-4o-mini}, set as the
     *     options' model
     * @return this builder
     * @throws IllegalArgumentException if model is null or blank
     */
    public Builder model(String model) {
      this.model = notBlank(model, "model");
      return this;
    }

    /**
     * The longest summary, in tokens, sent as the options' max tokens; unset by default, which
     * leaves the model's own limit.
     *
     * @param maxSummaryTokens at least 16
     * @return this builder
     * @throws IllegalArgumentException if maxSummaryTokens is below 16
     */
    public Builder maxSummaryTokens(int maxSummaryTokens) {
      this.maxSummaryTokens = atLeast(maxSummaryTokens, 16, "maxSummaryTokens");
      return this;
    }

    /**
     * The sampling temperature for summaries; the model's own when not set.
     *
     * @param temperature 0 to 2; low values keep summaries close to what was said
     * @return this builder
     * @throws IllegalArgumentException if temperature is not between 0 and 2 (or is NaN)
     */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("temperature must be 0 to 2, was " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * The most tokens of new messages one call takes; 3,000 by default. Set it from the model's
     * context window less room for the instructions, the summary and the answer.
     *
     * @param inputTokenBudget at least 64
     * @return this builder
     * @throws IllegalArgumentException if inputTokenBudget is below 64
     */
    public Builder inputTokenBudget(int inputTokenBudget) {
      this.inputTokenBudget = atLeast(inputTokenBudget, 64, "inputTokenBudget");
      return this;
    }

    /**
     * Builds the summarizer; the settings were checked as they were set.
     *
     * @return a new summarizer, immutable, and thread-safe if the chat model is
     */
    public ChatModelSummarizer build() {
      return new ChatModelSummarizer(this);
    }
  }
}
