package dev.motorhead.spring.ai;

import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisChatMemoryIT extends RedisChatMemoryScenarios {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Override
  MessageStore newStore(String keyPrefix) {
    return LettuceMessageStore.builder(REDIS.server().url()).keyPrefix(keyPrefix).build();
  }
}
