package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisRestartScenarios;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

class JedisRestartIT extends RedisRestartScenarios {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.appendOnly();

  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", REDIS.server().port())
            .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(1_000).build())
            .build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected RedisServer server() {
    return REDIS.server();
  }

  @Override
  protected MessageStore newStoreThatFailsFast(String keyPrefix) {
    return JedisMessageStore.builder(client).keyPrefix(keyPrefix).build();
  }
}
