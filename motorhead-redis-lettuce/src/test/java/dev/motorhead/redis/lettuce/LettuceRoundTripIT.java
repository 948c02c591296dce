package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisRoundTripScenarios;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceRoundTripIT extends RedisRoundTripScenarios {
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
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected MessageStore newStoreFromUrl(String url) {
    return LettuceMessageStore.create(url);
  }
}
