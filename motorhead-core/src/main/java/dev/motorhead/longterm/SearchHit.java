package dev.motorhead.longterm;

import java.time.Instant;

/**
 * One long-term memory search hit.
 *
 * @param messageId the id of the message it recalls
 * @param role the message's role, as posted
 * @param content the message's content
 * @param createdAt when the message was created
 * @param distance cosine distance to the query, {@code 0} for the same direction, up to
 *     {@code 2} (Motorhead's {@code dist})
 */
public record SearchHit(
    String messageId, String role, String content, Instant createdAt, double distance) {}
