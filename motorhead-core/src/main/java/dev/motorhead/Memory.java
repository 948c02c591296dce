package dev.motorhead;

import static dev.motorhead.internal.Arguments.notNull;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session remembers at one moment: its pinned message (the system prompt, if one was
 * added), the recent messages verbatim, oldest first, and the running summary of everything
 * older. Immutable and thread-safe.
 *
 * <p>{@link #messages()} holds at most the client's window size, and only whole groups: a
 * group of messages that travel together (see {@link Message}) appears once it is complete,
 * its members side by side. {@link #summarizerTokensUsed()} is the total number of tokens the
 * summarizer reported using for this session so far (Motorhead's {@code tokens}), not the
 * summary's size; stores keep it under their own field names, which are unchanged (the
 * Motorhead REST API's {@code tokens}, the Redis layouts' fields).
 *
 * <p>A prompt built from it reads, in order: {@link #pinned()}, {@link #summary()},
 * {@link #messages()}.
 */
public final class Memory {
  private final Message pinned;
  private final List<Message> messages;
  private final String summary;
  private final long summarizerTokensUsed;

  /**
   * @param messages the recent messages, oldest first; copied
   * @param summary the running summary, or {@code null} when the session has none yet
   * @param summarizerTokensUsed the tokens the summarizer reported using for the session so far
   */
  public Memory(List<Message> messages, String summary, long summarizerTokensUsed) {
    this(null, messages, summary, summarizerTokensUsed);
  }

  /**
   * @param pinned the session's pinned message, or {@code null} when it has none
   * @param messages the recent messages, oldest first; copied
   * @param summary the running summary, or {@code null} when the session has none yet
   * @param summarizerTokensUsed the tokens the summarizer reported using for the session so far
   */
  public Memory(Message pinned, List<Message> messages, String summary, long summarizerTokensUsed) {
    this.pinned = pinned;
    this.messages = List.copyOf(notNull(messages, "messages"));
    this.summary = summary;
    this.summarizerTokensUsed = summarizerTokensUsed;
  }

  /**
   * The session's pinned message (its system prompt), empty when none was added.
   *
   * @return the pinned message, or empty
   */
  public Optional<Message> pinned() {
    return Optional.ofNullable(pinned);
  }

  /**
   * The recent messages, oldest first.
   *
   * @return an immutable list, at most the window size; empty for a new session
   */
  public List<Message> messages() {
    return messages;
  }

  /**
   * The running summary of older messages, empty when there is none yet.
   *
   * @return the summary, or empty
   */
  public Optional<String> summary() {
    return Optional.ofNullable(summary);
  }

  /**
   * Tokens the summarizer reported using for this session so far, summed over its calls: its
   * usage, not the summary's size. The Motorhead REST API's {@code tokens} field.
   *
   * @return a total over the session's compactions, {@code 0} before the first
   */
  public long summarizerTokensUsed() {
    return summarizerTokensUsed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Memory m
        && Objects.equals(m.pinned, pinned)
        && m.messages.equals(messages)
        && Objects.equals(m.summary, summary)
        && m.summarizerTokensUsed == summarizerTokensUsed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(pinned, messages, summary, summarizerTokensUsed);
  }

  @Override
  public String toString() {
    return "Memory{" + (pinned != null ? "pinned, " : "") + "messages=" + messages.size()
        + ", summary=" + (summary != null) + ", summarizerTokensUsed=" + summarizerTokensUsed + "}";
  }
}
