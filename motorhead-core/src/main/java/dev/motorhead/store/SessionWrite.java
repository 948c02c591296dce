package dev.motorhead.store;

import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * One atomic write to a session, for {@link MessageStore#write}: optionally drop what the
 * session shows, optionally replace its summary, then append messages. Immutable.
 *
 * <p>A store applies it in this order, all or nothing:
 * <ol>
 *   <li>{@link #replacesMessages()}: remove every message and the pinned message;
 *   <li>{@link #replacesSummary()}: set the summary to {@link #summary()} ({@code null}
 *       removes it);
 *   <li>append {@link #messages()} in order: a {@linkplain Message#pinned() pinned} one
 *       replaces the session's pinned message (the last one wins), the others go at the new
 *       end of the window;
 *   <li>record the session in the namespace's index and refresh its TTL.
 * </ol>
 * A write that replaces messages or the summary also revokes the compaction lease, so a
 * compaction in flight, which read the old state, cannot commit over the new one.
 *
 * <pre>{@code
 * SessionWrite.append(messages);                            // an ordinary add
 * SessionWrite.append(messages).withSummary("User is Ada"); // Motorhead's POST with context
 * SessionWrite.append(messages).replacingMessages();        // replace the whole session
 * SessionWrite.summary("User is Ada");                      // setContext
 * }</pre>
 *
 * @param messages appended last, oldest first; each with its id, creation time and token
 *     count set
 * @param replacesMessages whether every message and the pinned message are removed first
 * @param replacesSummary whether the summary is replaced by {@code summary}
 * @param summary the new summary when {@code replacesSummary}, {@code null} to remove it
 */
public record SessionWrite(
    List<Message> messages, boolean replacesMessages, boolean replacesSummary, String summary) {

  /**
   * @param messages appended last, oldest first; copied
   * @param replacesMessages whether every message and the pinned message are removed first
   * @param replacesSummary whether the summary is replaced by {@code summary}
   * @param summary the new summary when {@code replacesSummary}, {@code null} to remove it
   * @throws IllegalArgumentException if messages or one of them is null, if the write would
   *     change nothing (no messages and nothing replaced), or if a summary is given without
   *     replacing it
   */
  public SessionWrite {
    notNull(messages, "messages");
    List<Message> copy = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      copy.add(notNull(messages.get(i), "messages[" + i + "]"));
    }
    messages = List.copyOf(copy);
    if (messages.isEmpty() && !replacesMessages && !replacesSummary) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    if (!replacesSummary && summary != null) {
      throw new IllegalArgumentException("summary is given but replacesSummary is false");
    }
  }

  /**
   * Appends messages, at least one.
   *
   * @param messages at least one, oldest first
   * @return a write that appends and replaces nothing
   * @throws IllegalArgumentException if messages is empty or holds a null
   */
  public static SessionWrite append(List<Message> messages) {
    return new SessionWrite(messages, false, false, null);
  }

  /**
   * Replaces the summary and nothing else ({@code null} removes it).
   *
   * @param summary the new summary, or {@code null}
   * @return a write with no messages
   */
  public static SessionWrite summary(String summary) {
    return new SessionWrite(List.of(), false, true, summary);
  }

  /**
   * This write, also replacing the summary first ({@code null} removes it).
   *
   * @param summary the new summary, or {@code null}
   * @return a new write; this one is unchanged
   */
  public SessionWrite withSummary(String summary) {
    return new SessionWrite(messages, replacesMessages, true, summary);
  }

  /**
   * This write, also removing every message and the pinned message first.
   *
   * @return a new write; this one is unchanged
   */
  public SessionWrite replacingMessages() {
    return new SessionWrite(messages, true, replacesSummary, summary);
  }

  /** How many of a session's latest appends a store remembers to recognise a replay. */
  public static final int REMEMBERED_APPENDS = 32;

  /**
   * The id that makes a plain append recognisable when it comes again, {@code null} for other
   * writes: the id of its last message. A store skips an append whose replay id is that of one
   * of the session's {@link #REMEMBERED_APPENDS} latest appends, so an append retried by a
   * caller or replayed by a driver after a reconnect is stored once. (Message ids are unique:
   * a random UUID unless the caller chose one.)
   *
   * @return the last message's id for a plain append, else {@code null}
   */
  public String replayId() {
    return fencesCompaction() || messages.isEmpty() ? null : messages.get(messages.size() - 1).id();
  }

  /**
   * Whether the write revokes the compaction lease: it replaces messages or the summary.
   *
   * @return whether {@link #replacesMessages()} or {@link #replacesSummary()}
   */
  public boolean fencesCompaction() {
    return replacesMessages || replacesSummary;
  }
}
