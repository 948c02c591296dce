package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreStandaloneContract;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceVectorStoreIT extends RedisVectorStoreStandaloneContract {
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
  protected RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected RedisMessageStore newMotorheadLayoutStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix)
        .layout(RedisLayout.MOTORHEAD);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }
}
