package dev.motorhead.redis;

/**
 * How a Redis store lays sessions out in Redis; chosen with the store builder's
 * {@code layout(..)}.
 */
public enum RedisLayout {
  /**
   * The library's own layout (the default): every key of a session under one hash tag, so it
   * works on Redis Cluster; messages as JSON with all their fields.
   */
  NATIVE,

  /**
   * The keys a Motorhead server writes: {@code session:<id>} (a list, newest first, of
   * {@code "role: content"} strings), {@code context:<id>}, {@code tokens:<id>} and the
   * {@code sessions} / {@code sessions:<namespace>} indexes (scores in epoch seconds). Point the
   * library at a Redis a Motorhead server filled and it reads and continues those sessions.
   *
   * <p>Limits, all from the format: standalone Redis only (a session's keys are in different
   * cluster slots); message ids are derived from each message's position and content, creation
   * times read as the epoch, token counts of stored messages as 0 (so only the window size
   * triggers compaction) and metadata is not kept, and so a replayed append cannot be told
   * from a new one (it is stored again); roles must not contain {@code ": "}. The
   * library adds {@code <prefix>:lease:<id>} and {@code <prefix>:namespaces:<id>}, which a
   * Motorhead server does not know: running one against the same data at the same time is
   * unsupported.
   */
  MOTORHEAD
}
