package dev.motorhead.redis;

import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's store contract on one standalone Redis; a driver module extends it with its store. */
public abstract class RedisStandaloneContract extends RedisMessageStoreContract {
  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  /** The fixture's server. */
  protected static RedisServer server() {
    return REDIS.server();
  }
}
