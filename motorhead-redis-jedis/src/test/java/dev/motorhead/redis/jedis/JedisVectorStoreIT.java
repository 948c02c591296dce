package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStoreStandaloneContract;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

class JedisVectorStoreIT extends RedisVectorStoreStandaloneContract {
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
  protected RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected RedisMessageStore newMotorheadLayoutStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix)
        .layout(RedisLayout.MOTORHEAD);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }
}
