package dev.motorhead.langchain4j;

import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.store.MessageStore;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

class JedisClusterChatMemoryIT extends RedisClusterScenarios {
  private static RedisClusterClient client;

  @BeforeAll
  static void connect() {
    client = RedisClusterClient.create(cluster().ports().stream()
        .map(port -> new HostAndPort("127.0.0.1", port))
        .collect(Collectors.toSet()));
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
