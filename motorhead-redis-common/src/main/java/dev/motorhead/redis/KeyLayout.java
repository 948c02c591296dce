package dev.motorhead.redis;

import dev.motorhead.Message;
import dev.motorhead.redis.internal.RedisScript;
import java.time.Instant;
import java.util.List;

/**
 * How sessions map onto Redis keys and scripts: {@link NativeKeyLayout} by default,
 * {@link MotorheadKeyLayout} for data a Motorhead server wrote. The store algorithm in
 * {@link RedisMessageStore} is the same for both.
 *
 * <p>Every session script receives {@link #sessionKeys} with the messages at position 1 and
 * the lease at position 3 (the lease scripts and the TTL refresh rely on it); delete removes
 * them all and TTL refresh covers them all but the lease.
 */
abstract class KeyLayout {
  private final SessionScripts scripts;

  KeyLayout(SessionScripts scripts) {
    this.scripts = scripts;
  }

  static KeyLayout of(RedisLayout layout, String prefix) {
    return layout == RedisLayout.MOTORHEAD
        ? new MotorheadKeyLayout(prefix)
        : new NativeKeyLayout(prefix);
  }

  SessionScripts scripts() {
    return scripts;
  }

  /** Every key of the session, in the order the layout's scripts expect. */
  abstract List<String> sessionKeys(String sessionId);

  /**
   * The long-term memory keys of the session ({@code RedisVectorStore}): the entries hash, the
   * codes string and the ids list, followed by the {@link #existenceKeys}. Each layout lists the
   * three recall keys last in {@link #sessionKeys}, so that delete and TTL refresh cover them.
   */
  final List<String> recallKeys(String sessionId) {
    List<String> all = sessionKeys(sessionId);
    List<String> keys = new java.util.ArrayList<>(all.subList(all.size() - 3, all.size()));
    keys.addAll(existenceKeys(sessionId));
    return keys;
  }

  /**
   * Whether the session's messages and meta hash are read with pipelined plain commands
   * ({@link RedisMessageStore#read}) rather than a script: the native layout, whose meta hash
   * keeps the message count and a generation that every change of the session renews.
   */
  boolean pipelinedReads() {
    return false;
  }

  /** The key at position 2 of {@link #sessionKeys}: the native layout's meta hash. */
  String metaKey(String sessionId) {
    return sessionKeys(sessionId).get(1);
  }

  /**
   * Whether the first {@link #existenceKeys existence key} is a hash that long-term memory marks
   * with a field {@code recall} (native layout), so that writes know without probing whether
   * there are long-term memory keys to keep alive.
   */
  boolean flagsRecall() {
    return false;
  }

  /** Keys of which at least one exists exactly while the session does. */
  abstract List<String> existenceKeys(String sessionId);

  /** The namespace's index of sessions by last activity. */
  abstract String indexKey(String namespace);

  /** The index score of an activity at {@code now}. */
  abstract double indexScore(Instant now);

  /** A message as a list element. */
  abstract String encode(Message message);

  /** The pinned message as stored beside the list: every field, in both layouts. */
  final String encodePinned(Message message) {
    return MessageCodec.encode(message);
  }

  /** The pinned message read back; {@code null} for the empty reply of a session without one. */
  final Message decodePinned(String stored) {
    return stored == null || stored.isEmpty() ? null : MessageCodec.decode(stored);
  }

  /**
   * The messages the read script returned, oldest first.
   *
   * @param messageCount how many messages the session holds
   */
  abstract List<Message> window(List<String> elements, long messageCount);

  /** Whether a key prefix keeps the layouts sound: not blank, no hash-tag braces. */
  static boolean isValidPrefix(String prefix) {
    return !prefix.isBlank() && prefix.indexOf('{') < 0 && prefix.indexOf('}') < 0;
  }

  /** The scripts that differ between layouts; lease and index scripts are shared. */
  record SessionScripts(
      RedisScript write, RedisScript read, RedisScript acquireRead, RedisScript commit,
      RedisScript delete) {}
}
