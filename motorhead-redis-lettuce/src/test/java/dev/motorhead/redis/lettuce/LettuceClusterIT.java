package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisClusterContract;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceClusterIT extends RedisClusterContract {
  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    List<RedisURI> seeds =
        cluster().ports().stream().map(port -> RedisURI.create("127.0.0.1", port)).toList();
    client = RedisClusterClient.create(seeds);
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
  }

  @Override
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }
}
