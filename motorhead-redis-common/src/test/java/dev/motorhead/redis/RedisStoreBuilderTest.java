package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStoreBuilderTest {
  private static final class Builder extends RedisStoreBuilder<Builder> {
    Builder() {
      super(() -> {
        throw new AssertionError("not connecting in a unit test");
      });
    }
  }

  @Test
  void aKeyPrefixWithABraceIsRefusedByName() {
    assertThatThrownBy(() -> new Builder().keyPrefix("a{b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> new Builder().keyPrefix(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
  }

  @Test
  void aSessionTtlMustBeAtLeastOneMillisecond() {
    assertThatThrownBy(() -> new Builder().sessionTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionTtl");
    assertThatThrownBy(() -> new Builder().sessionTtl(Duration.ofNanos(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionTtl");
  }
}
