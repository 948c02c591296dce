package dev.motorhead.spring.ai;

import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisClusterChatMemoryIT extends RedisChatMemoryScenarios {
  @RegisterExtension static final RedisServerExtension CLUSTER = RedisServerExtension.cluster();
  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    client = RedisClusterClient.create(RedisURI.create(CLUSTER.server().url()));
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
  }

  @Override
  MessageStore newStore(String keyPrefix) {
    return LettuceMessageStore.builder(client).keyPrefix(keyPrefix).build();
  }
}
