package dev.motorhead;

import static dev.motorhead.internal.Arguments.notNull;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session remembers at one moment: the recent messages verbatim, oldest first, and the
 * running summary of everything older. Immutable and thread-safe.
 *
 * <p>{@link #messages()} holds at most the client's window size. {@link #summaryTokens()} is the
 * total number of tokens the summarizer reported using for this session so far (Motorhead's
 * {@code tokens}).
 */
public final class Memory {
  private final List<Message> messages;
  private final String summary;
  private final long summaryTokens;

  /**
   * @param summary the running summary, or {@code null} when the session has none yet
   */
  public Memory(List<Message> messages, String summary, long summaryTokens) {
    this.messages = List.copyOf(notNull(messages, "messages"));
    this.summary = summary;
    this.summaryTokens = summaryTokens;
  }

  /** The recent messages, oldest first. */
  public List<Message> messages() {
    return messages;
  }

  /** The running summary of older messages, empty when there is none yet. */
  public Optional<String> summary() {
    return Optional.ofNullable(summary);
  }

  /** Tokens the summarizer reported using for this session so far. */
  public long summaryTokens() {
    return summaryTokens;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Memory
        && ((Memory) o).messages.equals(messages)
        && Objects.equals(((Memory) o).summary, summary)
        && ((Memory) o).summaryTokens == summaryTokens;
  }

  @Override
  public int hashCode() {
    return Objects.hash(messages, summary, summaryTokens);
  }

  @Override
  public String toString() {
    return "Memory{messages=" + messages.size() + ", summary=" + (summary != null)
        + ", summaryTokens=" + summaryTokens + "}";
  }
}
