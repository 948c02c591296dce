package dev.motorhead.store;

import dev.motorhead.Message;
import java.util.List;

/**
 * What {@link MessageStore#read} returns.
 *
 * @param pinned the session's pinned message, {@code null} when it has none
 * @param messages the newest messages asked for, oldest first, as stored (groups not shaped)
 * @param summary the running summary, {@code null} when there is none
 * @param summarizerTokensUsed tokens the summarizer used for this session so far (not the
 *     summary's size)
 * @param messageCount all messages held verbatim, which may exceed {@code messages.size()}
 * @param messageTokens the sum of the token counts of all messages held verbatim
 */
public record SessionState(
    Message pinned, List<Message> messages, String summary, long summarizerTokensUsed,
    long messageCount, long messageTokens) {

  /** An unknown session. */
  public static final SessionState EMPTY = new SessionState(null, List.of(), null, 0, 0, 0);

  /**
   * Copies {@code messages}.
   *
   * @param pinned the session's pinned message, {@code null} when it has none
   * @param messages the newest messages asked for, oldest first; not null
   * @param summary the running summary, {@code null} when there is none
   * @param summarizerTokensUsed tokens the summarizer used for this session so far
   * @param messageCount all messages held verbatim, which may exceed {@code messages.size()}
   * @param messageTokens the sum of the token counts of all messages held verbatim
   */
  public SessionState {
    messages = List.copyOf(messages);
  }

  /**
   * A state without a pinned message.
   *
   * @param messages the newest messages asked for, oldest first; not null
   * @param summary the running summary, {@code null} when there is none
   * @param summarizerTokensUsed tokens the summarizer used for this session so far
   * @param messageCount all messages held verbatim, which may exceed {@code messages.size()}
   * @param messageTokens the sum of the token counts of all messages held verbatim
   */
  public SessionState(
      List<Message> messages, String summary, long summarizerTokensUsed, long messageCount,
      long messageTokens) {
    this(null, messages, summary, summarizerTokensUsed, messageCount, messageTokens);
  }
}
