package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisRoundTripScenarios;
import dev.motorhead.store.MessageStore;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

class JedisRoundTripIT extends RedisRoundTripScenarios {
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
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected MessageStore newStoreFromUrl(String url) {
    return JedisMessageStore.create(url);
  }
}
