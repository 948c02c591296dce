package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisRestartScenarios;
import dev.motorhead.store.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

class JedisRestartIT extends RedisRestartScenarios {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", server().port())
            .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(1_000).build())
            .build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected MessageStore newStoreThatFailsFast(String keyPrefix) {
    return JedisMessageStore.builder(client).keyPrefix(keyPrefix).build();
  }
}
