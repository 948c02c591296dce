package dev.motorhead.redis;

import dev.motorhead.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The layout of a Motorhead server ({@link RedisLayout#MOTORHEAD}), so the library reads and
 * continues sessions a Motorhead server wrote:
 *
 * <pre>
 * session:&lt;id&gt;              list, newest first, "role: content" per message (LPUSH)
 * context:&lt;id&gt;              string: the summary
 * tokens:&lt;id&gt;               integer: tokens the summaries cost
 * sessions, sessions:&lt;ns&gt;   sorted sets by last activity in epoch seconds
 * {prefix}:lease:&lt;id&gt;       the compaction lease (the library's, unknown to Motorhead)
 * {prefix}:namespaces:&lt;id&gt;  namespaces the library listed the session in
 * {prefix}:pinned:&lt;id&gt;      the pinned message, all its fields (the library's)
 * {prefix}:recall:&lt;id&gt;        long-term memory entries (see RedisVectorStore)
 * {prefix}:recall_codes:&lt;id&gt;  long-term memory codes
 * {prefix}:recall_ids:&lt;id&gt;    long-term memory ids
 * </pre>
 *
 * <p>A message's id is its position from the old end of the list, {@code ':'} and the first 12
 * hex digits of the SHA-1 of its element, so the commit script can check the oldest messages
 * are the ones the compactor read. Keys of one session are in different cluster slots: this
 * layout needs a standalone Redis. The elements keep only role and content: a message's
 * metadata, token count and group are not kept (so groups are not shown as such after a
 * read), and its creation time reads as the epoch.
 */
final class MotorheadKeyLayout extends KeyLayout {
  private static final String SEPARATOR = ": ";
  private static final String UNKNOWN_ROLE = "unknown";

  private final String prefix;

  MotorheadKeyLayout(String prefix) {
    super(
        new SessionScripts(
            Scripts.MOTORHEAD_WRITE,
            Scripts.MOTORHEAD_READ,
            Scripts.MOTORHEAD_ACQUIRE_READ,
            Scripts.MOTORHEAD_COMMIT,
            Scripts.MOTORHEAD_DELETE));
    this.prefix = prefix;
  }

  /** 1 messages, 2 context, 3 lease, 4 namespaces, 5 tokens, 6 pinned, 7 to 9 long-term memory. */
  @Override
  List<String> sessionKeys(String sessionId) {
    return List.of(
        "session:" + sessionId,
        "context:" + sessionId,
        prefix + ":lease:" + sessionId,
        prefix + ":namespaces:" + sessionId,
        "tokens:" + sessionId,
        prefix + ":pinned:" + sessionId,
        // long-term memory (RedisVectorStore), last: see KeyLayout.recallKeys
        prefix + ":recall:" + sessionId,
        prefix + ":recall_codes:" + sessionId,
        prefix + ":recall_ids:" + sessionId);
  }

  @Override
  List<String> existenceKeys(String sessionId) {
    return List.of("session:" + sessionId, "context:" + sessionId, prefix + ":pinned:" + sessionId);
  }

  @Override
  String indexKey(String namespace) {
    return namespace.isEmpty() ? "sessions" : "sessions:" + namespace;
  }

  @Override
  double indexScore(Instant now) {
    return now.getEpochSecond();
  }

  /**
   * @throws IllegalArgumentException if the role contains {@code ": "}, which would make the
   *     element read back with another role
   */
  @Override
  String encode(Message message) {
    if (message.role().contains(SEPARATOR)) {
      throw new IllegalArgumentException(
          "role must not contain \": \" in the Motorhead layout, was \"" + message.role() + "\"");
    }
    return message.role() + SEPARATOR + message.content();
  }

  /** The script returned the newest messages newest first. */
  @Override
  List<Message> window(List<String> elements, long messageCount) {
    List<Message> messages = new ArrayList<>(elements.size());
    for (int i = elements.size() - 1; i >= 0; i--) {
      String element = elements.get(i);
      long position = messageCount - 1 - i;
      int split = element.indexOf(SEPARATOR);
      boolean hasRole = split > 0 && !element.substring(0, split).isBlank();
      messages.add(
          Message.builder()
              .id(position + ":" + sha1Prefix(element))
              .role(hasRole ? element.substring(0, split) : UNKNOWN_ROLE)
              .content(hasRole ? element.substring(split + SEPARATOR.length()) : element)
              .createdAt(Instant.EPOCH)
              .build());
    }
    return messages;
  }

  private static String sha1Prefix(String element) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(element.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
