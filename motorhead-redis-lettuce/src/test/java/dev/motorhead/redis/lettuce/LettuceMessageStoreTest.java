package dev.motorhead.redis.lettuce;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

class LettuceMessageStoreTest {

  @Test
  void aMissingClientIsRefusedByName() {
    assertThatThrownBy(() -> LettuceMessageStore.create((RedisClient) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client");
  }

  @Test
  void anUnreadableUrlIsRefusedWithoutRepeatingItsPassword() {
    assertThatThrownBy(() -> LettuceMessageStore.builder("http://user:s3cret@host:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redisUrl")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void anUnreachableRedisFailsTheBuildWithStoreException() {
    assertThatThrownBy(() -> LettuceMessageStore.create("redis://127.0.0.1:1"))
        .isInstanceOf(dev.motorhead.StoreException.class);
  }

  @Test
  void optionsOfTheStoresOwnClientAreRefusedForAClientYouPass() {
    RedisClient yours = RedisClient.create("redis://127.0.0.1:1");
    try {
      assertThatThrownBy(() -> LettuceMessageStore.builder(yours)
              .commandTimeout(java.time.Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("commandTimeout");
    } finally {
      yours.shutdown();
    }
  }
}
