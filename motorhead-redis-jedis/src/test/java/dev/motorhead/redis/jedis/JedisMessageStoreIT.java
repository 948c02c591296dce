package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisStandaloneContract;
import dev.motorhead.store.MessageStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

class JedisMessageStoreIT extends RedisStandaloneContract {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(java.net.URI.create(server().url()));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }
}
