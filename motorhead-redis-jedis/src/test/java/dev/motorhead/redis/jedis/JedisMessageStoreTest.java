package dev.motorhead.redis.jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.StoreException;
import dev.motorhead.store.MessageStore;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class JedisMessageStoreTest {

  @Test
  void aMissingClientIsRefusedByName() {
    assertThatThrownBy(() -> JedisMessageStore.builder((redis.clients.jedis.UnifiedJedis) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jedis");
  }

  @Test
  void aUrlWithoutHostIsRefusedWithoutRepeatingItsPassword() {
    assertThatThrownBy(() -> JedisMessageStore.builder("redis:user:s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redisUrl")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void anUnreachableRedisFailsTheBuildWithStoreException() {
    assertThatThrownBy(() -> JedisMessageStore.create("redis://127.0.0.1:1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to Redis");
  }
}
