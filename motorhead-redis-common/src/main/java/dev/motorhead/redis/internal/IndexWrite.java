package dev.motorhead.redis.internal;

/**
 * A write to a namespace's session index (a sorted set that may live on another cluster node
 * than the session), which a {@link ScriptRunner} pipelines beside a session script. Part of
 * the contract between the store and the driver adapters; not meant for applications.
 *
 * <p>Internal: not part of the public API; it may change in any release without notice.
 *
 * @param key the index key
 * @param member the session id
 * @param score last activity in epoch milliseconds; ignored for a removal
 * @param remove {@code ZREM} when true, {@code ZADD} otherwise
 */
public record IndexWrite(String key, String member, double score, boolean remove) {

  public static IndexWrite add(String key, double score, String member) {
    return new IndexWrite(key, member, score, false);
  }

  public static IndexWrite remove(String key, String member) {
    return new IndexWrite(key, member, 0, true);
  }
}
