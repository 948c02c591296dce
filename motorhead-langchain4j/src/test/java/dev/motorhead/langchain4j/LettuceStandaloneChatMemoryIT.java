package dev.motorhead.langchain4j;

import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceStandaloneChatMemoryIT extends RedisStandaloneScenarios {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(server().url());
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
