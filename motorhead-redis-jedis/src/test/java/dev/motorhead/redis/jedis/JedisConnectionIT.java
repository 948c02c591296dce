package dev.motorhead.redis.jedis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.StoreException;
import dev.motorhead.redis.RedisConnectionScenarios;
import dev.motorhead.store.MessageStore;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class JedisConnectionIT extends RedisConnectionScenarios {
  @Override
  protected MessageStore storeFromUrl(String url) {
    return JedisMessageStore.create(url);
  }

  @Test
  void aClientYouPassThatCannotReachRedisFailsTheBuild() {
    try (RedisClient nowhere = RedisClient.create("127.0.0.1", 1)) {
      assertThatThrownBy(() -> JedisMessageStore.create(nowhere))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot connect to Redis");
    }
  }
}
