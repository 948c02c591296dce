package dev.motorhead.longterm;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.Message;
import java.time.Instant;

/**
 * One indexed message as a {@link VectorStore} keeps it: the message's id, role, content and
 * creation time, and its embedding. Immutable once built; the vector is not copied, so do not
 * change it after handing it over.
 *
 * @param messageId the message's id
 * @param role the message's role, as posted
 * @param content the message's content
 * @param createdAt when the message was created
 * @param vector the message's embedding
 */
public record VectorEntry(
    String messageId, String role, String content, Instant createdAt, float[] vector) {

  /**
   * @param messageId the message's id; not blank
   * @param role the message's role; not blank
   * @param content the message's content; may be empty
   * @param createdAt when the message was created
   * @param vector the message's embedding; not copied
   * @throws IllegalArgumentException if an argument is null, or an id or role is blank
   */
  public VectorEntry {
    notBlank(messageId, "messageId");
    notBlank(role, "role");
    notNull(content, "content");
    notNull(createdAt, "createdAt");
    notNull(vector, "vector");
  }

  /**
   * The entry for a message added to a session (so with its creation time set).
   *
   * @param message a message with its creation time set
   * @param vector the message's embedding; not copied
   * @return the entry
   * @throws IllegalArgumentException if message is null or has no creation time, or vector is null
   */
  public static VectorEntry of(Message message, float[] vector) {
    notNull(message, "message");
    return new VectorEntry(
        message.id(), message.role(), message.content(), message.createdAt(), vector);
  }

  /**
   * This entry as a search hit at the given cosine distance.
   *
   * @param distance the cosine distance to the query, from {@code 0} to {@code 2}
   * @return the hit
   */
  public SearchHit at(double distance) {
    return new SearchHit(messageId, role, content, createdAt, distance);
  }
}
