package dev.motorhead.redis;

import dev.motorhead.redis.internal.RedisScript;

/** The scripts of both layouts, loaded once per JVM. */
final class Scripts {
  static final RedisScript WRITE = RedisScript.onSession("write");
  static final RedisScript READ = RedisScript.onSession("read");
  /** Takes the lease and reads the whole session, in one step. */
  static final RedisScript ACQUIRE_READ =
      RedisScript.composed("acquire_read", "acquire_guard", "read");
  static final RedisScript ACQUIRE_LEASE = RedisScript.onSession("acquire_lease");
  static final RedisScript RENEW_LEASE = RedisScript.onSession("renew_lease");
  static final RedisScript RELEASE_LEASE = RedisScript.onSession("release_lease");
  static final RedisScript COMMIT = RedisScript.onSession("commit");
  static final RedisScript DELETE = RedisScript.onSession("delete");
  static final RedisScript RELIST = RedisScript.onSession("relist");
  static final RedisScript LIST_INDEX = RedisScript.onIndex("list_index");
  static final RedisScript PRUNE_INDEX = RedisScript.onIndex("prune_index");

  static final RedisScript MOTORHEAD_WRITE = RedisScript.onMotorheadSession("write");
  static final RedisScript MOTORHEAD_READ = RedisScript.onMotorheadSession("read");
  static final RedisScript MOTORHEAD_ACQUIRE_READ =
      RedisScript.composed("motorhead/acquire_read", "acquire_guard", "motorhead/read");
  static final RedisScript MOTORHEAD_COMMIT = RedisScript.onMotorheadSession("commit");
  static final RedisScript MOTORHEAD_DELETE = RedisScript.onMotorheadSession("delete");

  private Scripts() {}
}
