package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreContract;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/** Long-term memory on a three-master Redis Cluster: every script stays in one slot. */
class JedisVectorStoreClusterIT extends RedisVectorStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.cluster();

  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    Set<HostAndPort> seeds = REDIS.redisCluster().ports().stream()
        .map(port -> new HostAndPort("127.0.0.1", port)).collect(Collectors.toSet());
    client = RedisClusterClient.create(seeds);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected RespClient raw() {
    return null;
  }
}
