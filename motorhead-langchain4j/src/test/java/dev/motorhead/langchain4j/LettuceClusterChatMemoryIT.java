package dev.motorhead.langchain4j;

import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceClusterChatMemoryIT extends RedisClusterScenarios {
  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    client = RedisClusterClient.create(
        cluster().ports().stream().map(port -> RedisURI.create("127.0.0.1", port)).toList());
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
  }

  @Override
  protected MessageStore newStore() {
    return LettuceMessageStore.create(client);
  }
}
