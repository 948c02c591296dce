package dev.motorhead.redis;

import dev.motorhead.redis.testing.RedisCluster;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The long-term memory contract on a three-master Redis Cluster: every script of a session
 * stays in its slot. A driver module extends it with a cluster client.
 */
public abstract class RedisVectorStoreClusterContract extends RedisVectorStoreContract {
  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.cluster();

  /** The fixture's cluster. */
  protected static RedisCluster cluster() {
    return REDIS.redisCluster();
  }

  /** Keys are spread over the nodes: no single raw client sees them all. */
  @Override
  protected final RespClient raw() {
    return null;
  }
}
