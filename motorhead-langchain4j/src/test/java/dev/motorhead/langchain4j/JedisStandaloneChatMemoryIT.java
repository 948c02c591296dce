package dev.motorhead.langchain4j;

import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.store.MessageStore;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

class JedisStandaloneChatMemoryIT extends RedisStandaloneScenarios {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(URI.create(server().url()));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected MessageStore newStore() {
    return JedisMessageStore.create(client);
  }
}
