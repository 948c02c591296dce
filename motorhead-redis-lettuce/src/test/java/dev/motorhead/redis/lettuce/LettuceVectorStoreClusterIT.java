package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreContract;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Long-term memory on a three-master Redis Cluster: every script stays in one slot. */
class LettuceVectorStoreClusterIT extends RedisVectorStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.cluster();

  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    client = RedisClusterClient.create(REDIS.redisCluster().ports().stream()
        .map(port -> RedisURI.create("127.0.0.1", port)).toList());
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
  }

  @Override
  protected RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected RespClient raw() {
    return null;
  }
}
