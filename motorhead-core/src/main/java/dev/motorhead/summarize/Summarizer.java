package dev.motorhead.summarize;

import dev.motorhead.Message;
import java.util.List;

/**
 * Folds new messages into a running summary. Implement it to use a model of your own; the
 * library ships {@link OfflineSummarizer} (extractive, no network, the default) and an OpenAI
 * summarizer in motorhead-openai.
 *
 * <p>The compactor calls it outside any store lock, with the oldest messages first and never
 * more new lines per call than {@link #inputTokenBudget()} allows: a single message that alone
 * exceeds it comes alone, its content shortened to fit and marked {@code […]}. A long history
 * therefore arrives as several calls, each given the summary the previous call returned.
 *
 * <p>Return a blank text or {@code "NONE"} when the new lines carry nothing worth keeping: the
 * previous summary is then kept as it was. Throw any runtime exception to fail the call: nothing
 * is committed, the messages stay, and the compactor retries later with backoff.
 *
 * <p>Implementations must be thread-safe: several sessions are compacted at once.
 */
public interface Summarizer {

  /**
   * @param previousSummary the running summary so far, empty when there is none
   * @param newMessages at least one message, oldest first, with token counts set
   * @return the new running summary and the tokens the model used to produce it
   */
  Summary summarize(String previousSummary, List<Message> newMessages);

  /**
   * The most tokens of new messages (counted as {@link Message#tokenCount()}) one call accepts.
   * Model adapters derive it from the model's context window minus the room the prompt and the
   * summary need.
   *
   * @return tokens, at least 1; 3,000 by default
   */
  default int inputTokenBudget() {
    return 3_000;
  }
}
