package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreClusterContract;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceVectorStoreClusterIT extends RedisVectorStoreClusterContract {
  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    client = RedisClusterClient.create(cluster().ports().stream()
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
}
