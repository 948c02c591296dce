package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreClusterContract;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

class JedisVectorStoreClusterIT extends RedisVectorStoreClusterContract {
  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    client = RedisClusterClient.create(cluster().ports().stream()
        .map(port -> new HostAndPort("127.0.0.1", port)).collect(Collectors.toSet()));
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
}
