package dev.motorhead.redis;

import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The long-term memory contract on one standalone Redis, with raw checks of the keys and the
 * Motorhead layout; a driver module extends it with its store.
 */
public abstract class RedisVectorStoreStandaloneContract extends RedisVectorStoreContract {
  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private static RespClient raw;

  /** The fixture's server. */
  protected static RedisServer server() {
    return REDIS.server();
  }

  @Override
  protected final RespClient raw() {
    if (raw == null) {
      raw = REDIS.server().client();
    }
    return raw;
  }

  @AfterAll
  static void closeRaw() {
    if (raw != null) {
      raw.close();
      raw = null;
    }
  }
}
