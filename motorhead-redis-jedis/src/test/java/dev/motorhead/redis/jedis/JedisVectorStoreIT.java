package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreContract;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

class JedisVectorStoreIT extends RedisVectorStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private static RedisClient client;
  private static RespClient raw;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(java.net.URI.create(REDIS.server().url()));
    raw = REDIS.server().client();
  }

  @AfterAll
  static void close() {
    raw.close();
    client.close();
  }

  @Override
  protected RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected RedisMessageStore newMotorheadLayoutStore(String keyPrefix) {
    return JedisMessageStore.builder(client).keyPrefix(keyPrefix).layout(RedisLayout.MOTORHEAD).build();
  }

  @Override
  protected RespClient raw() {
    return raw;
  }
}
