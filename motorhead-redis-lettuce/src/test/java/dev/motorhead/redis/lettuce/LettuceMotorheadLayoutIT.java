package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMotorheadLayoutScenarios;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class LettuceMotorheadLayoutIT extends RedisMotorheadLayoutScenarios {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Override
  protected RedisServer server() {
    return REDIS.server();
  }

  @Override
  protected MessageStore newMotorheadStore() {
    return LettuceMessageStore.builder(REDIS.server().url()).layout(RedisLayout.MOTORHEAD).build();
  }
}
