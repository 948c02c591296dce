package dev.motorhead.redis;

/** The scripts of the native layout, loaded once per JVM. */
final class Scripts {
  static final RedisScript APPEND = RedisScript.onSession("append");
  static final RedisScript READ = RedisScript.onSession("read");
  static final RedisScript ACQUIRE_LEASE = RedisScript.onSession("acquire_lease");
  static final RedisScript RENEW_LEASE = RedisScript.onSession("renew_lease");
  static final RedisScript RELEASE_LEASE = RedisScript.onSession("release_lease");
  static final RedisScript COMMIT = RedisScript.onSession("commit");
  static final RedisScript REPLACE_SUMMARY = RedisScript.onSession("replace_summary");
  static final RedisScript DELETE = RedisScript.onSession("delete");
  static final RedisScript LIST_INDEX = RedisScript.onIndex("list_index");
  static final RedisScript PRUNE_INDEX = RedisScript.onIndex("prune_index");

  private Scripts() {}
}
