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

  /** @throws IllegalArgumentException if an argument is null, or an id or role is blank */
  public VectorEntry {
    notBlank(messageId, "messageId");
    notBlank(role, "role");
    notNull(content, "content");
    notNull(createdAt, "createdAt");
    notNull(vector, "vector");
  }

  /** The entry for a message added to a session (so with its creation time set). */
  public static VectorEntry of(Message message, float[] vector) {
    notNull(message, "message");
    return new VectorEntry(
        message.id(), message.role(), message.content(), message.createdAt(), vector);
  }

  /** This entry as a search hit at the given cosine distance. */
  public SearchHit at(double distance) {
    return new SearchHit(messageId, role, content, createdAt, distance);
  }
}
