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
  void anUnreachableRedisFailsEachOperationWithStoreException() {
    try (MessageStore store = JedisMessageStore.create("redis://127.0.0.1:1")) {
      assertThatThrownBy(() -> store.read("s", 1).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(StoreException.class);
      assertThat(store.read("s", 1)).isCompletedExceptionally();
    }
  }
}
