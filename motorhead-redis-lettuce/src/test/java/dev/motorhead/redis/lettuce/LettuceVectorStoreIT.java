package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreContract;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class LettuceVectorStoreIT extends RedisVectorStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private static RedisClient client;
  private static RespClient raw;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(REDIS.server().url());
    raw = REDIS.server().client();
  }

  @AfterAll
  static void shutdown() {
    raw.close();
    client.shutdown();
  }

  @Override
  protected RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected RedisMessageStore newMotorheadLayoutStore(String keyPrefix) {
    return LettuceMessageStore.builder(client).keyPrefix(keyPrefix).layout(RedisLayout.MOTORHEAD).build();
  }

  @Override
  protected RespClient raw() {
    return raw;
  }
}
