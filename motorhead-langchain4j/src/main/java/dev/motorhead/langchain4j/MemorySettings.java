package dev.motorhead.langchain4j;

import static dev.motorhead.internal.Arguments.notNull;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.motorhead.MemoryClient;
import java.util.function.Function;

/** What a {@link MotorheadChatMemory} is built from; shared by the memory's and the provider's builders. */
record MemorySettings(
    MemoryClient client,
    String namespace,
    Function<String, ChatMessage> summaryMessage,
    TokenCountEstimator tokenCountEstimator) {

  /**
   * The settings both public builders take, with the same checks. Not thread-safe.
   *
   * @param <B> the public builder, returned by each setter
   */
  abstract static class Builder<B extends Builder<B>> {
    private MemoryClient client;
    private String namespace;
    private Function<String, ChatMessage> summaryMessage = summary ->
        SystemMessage.from(MotorheadChatMemory.DEFAULT_SUMMARY_PREFIX + "\n" + summary);
    private TokenCountEstimator tokenCountEstimator;

    abstract B self();

    /**
     * The client whose store, window and summarizer the memory uses. Required.
     *
     * @param memoryClient the client the caller owns and closes; never closed by the memory
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public B memoryClient(MemoryClient memoryClient) {
      this.client = notNull(memoryClient, "memoryClient");
      return self();
    }

    /**
     * The namespace the session's writes are listed under; the default namespace if not set.
     *
     * @param namespace any string, not null
     * @return this builder
     */
    public B namespace(String namespace) {
      this.namespace = notNull(namespace, "namespace");
      return self();
    }

    /**
     * How the running summary is shown in {@link MotorheadChatMemory#messages()}: its wording
     * and its message type. By default a {@link SystemMessage} of {@value
     * MotorheadChatMemory#DEFAULT_SUMMARY_PREFIX}, a line break and the summary. For a model
     * that takes one system message only, for example:
     * {@code summary -> UserMessage.from("Earlier, in short: " + summary)}.
     *
     * @param summaryMessage turns the summary's text into the message shown; called on each
     *     read that finds a summary
     * @return this builder
     */
    public B summaryMessage(Function<String, ChatMessage> summaryMessage) {
      this.summaryMessage = notNull(summaryMessage, "summaryMessage");
      return self();
    }

    /**
     * Counts each message's tokens (for the client's token budget and the summarizer's chunks)
     * with a LangChain4j estimator, such as the chat model's own, instead of the client's token
     * counter over the message's readable rendering.
     *
     * @param tokenCountEstimator a thread-safe estimator
     * @return this builder
     */
    public B tokenCountEstimator(TokenCountEstimator tokenCountEstimator) {
      this.tokenCountEstimator = notNull(tokenCountEstimator, "tokenCountEstimator");
      return self();
    }

    /** @throws IllegalArgumentException if no memory client was set */
    MemorySettings settings() {
      if (client == null) {
        throw new IllegalArgumentException("memoryClient must be set");
      }
      return new MemorySettings(client, namespace, summaryMessage, tokenCountEstimator);
    }
  }
}
