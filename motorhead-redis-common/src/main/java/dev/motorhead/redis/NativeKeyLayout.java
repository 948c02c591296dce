package dev.motorhead.redis;

import dev.motorhead.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The native layout ({@link RedisLayout#NATIVE}): where a session lives in Redis, the one place
 * that names its keys.
 *
 * <pre>
 * {prefix}:{&lt;tag&gt;}:messages    list, oldest first, one JSON message per element
 * {prefix}:{&lt;tag&gt;}:meta        hash: summary, summary_tokens, message_tokens, count (of
 *                                messages), pinned, recent (replay keys), gen (renewed by every
 *                                change), recall ('1' once long-term memory keys exist), and
 *                                ns:&lt;namespace&gt; for each namespace whose index lists the session
 * {prefix}:{&lt;tag&gt;}:lease       string: the compaction lease token, with a PX expiry
 * {prefix}:{&lt;tag&gt;}:recall        hash: long-term memory entries, message id -&gt; entry
 * {prefix}:{&lt;tag&gt;}:recall_codes  string: compact codes of the entries' vectors, end to end
 * {prefix}:{&lt;tag&gt;}:recall_ids    list: message ids in the order of recall_codes
 * {prefix}:sessions             sorted set: default namespace index, score = last activity ms
 * {prefix}:sessions:&lt;ns&gt;        sorted set: index of namespace ns (escaped like a tag)
 * </pre>
 *
 * <p>The tag is the session id with {@code %}, <code>{</code> and <code>}</code> escaped as
 * {@code %25}, {@code %7B} and {@code %7D}: it holds no brace, so the whole tag is the hash tag
 * and every key of a session lands in one cluster slot, and escaping is injective, so two ids
 * never share a key. Ids are never blank, so the tag is never empty.
 *
 * <p>Every session script receives {@link #sessionKeys} in {@link #SESSION_KEYS} order; deletion
 * removes them all and TTL refresh covers them all but the lease. A feature storing more data
 * beside a session adds its key name to the end of {@link #SESSION_KEYS}, and nothing else has
 * to change for delete and TTL to cover it.
 */
class NativeKeyLayout extends KeyLayout {
  /** Names of every key of a session; the scripts rely on the first three positions. */
  static final List<String> SESSION_KEYS =
      List.of(
          "messages", "meta", "lease",
          // long-term memory (RedisVectorStore), last: see KeyLayout.recallKeys
          "recall", "recall_codes", "recall_ids");

  private final String prefix;

  NativeKeyLayout(String prefix) {
    super(
        new SessionScripts(
            Scripts.WRITE, Scripts.READ, Scripts.ACQUIRE_READ, Scripts.COMMIT, Scripts.DELETE));
    this.prefix = prefix;
  }

  /** Every key of the session, in {@link #SESSION_KEYS} order. */
  @Override
  List<String> sessionKeys(String sessionId) {
    String base = prefix + ":{" + escape(sessionId) + "}:";
    List<String> keys = new ArrayList<>(SESSION_KEYS.size());
    for (String name : SESSION_KEYS) {
      keys.add(base + name);
    }
    return keys;
  }

  @Override
  boolean pipelinedReads() {
    return true;
  }

  @Override
  boolean flagsRecall() {
    return true;
  }

  /** The meta hash: it exists exactly while the session does. */
  @Override
  List<String> existenceKeys(String sessionId) {
    return List.of(prefix + ":{" + escape(sessionId) + "}:meta");
  }

  /** The namespace's index of sessions by last activity. */
  @Override
  String indexKey(String namespace) {
    return namespace.isEmpty() ? prefix + ":sessions" : prefix + ":sessions:" + escape(namespace);
  }

  @Override
  double indexScore(Instant now) {
    return now.toEpochMilli();
  }

  @Override
  String encode(Message message) {
    return MessageCodec.encode(message);
  }

  /** The script returned the newest messages oldest first. */
  @Override
  List<Message> window(List<String> elements, long messageCount) {
    List<Message> messages = new ArrayList<>(elements.size());
    for (String element : elements) {
      messages.add(MessageCodec.decode(element));
    }
    return messages;
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '%' -> b.append("%25");
        case '{' -> b.append("%7B");
        case '}' -> b.append("%7D");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
