package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisMessageStoreContract;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class LettuceMessageStoreIT extends RedisMessageStoreContract {
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
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }
}
