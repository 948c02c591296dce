package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisRoundTripScenarios;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class LettuceRoundTripIT extends RedisRoundTripScenarios {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(REDIS.server().url());
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
  }

  @Override
  protected RedisServer server() {
    return REDIS.server();
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
