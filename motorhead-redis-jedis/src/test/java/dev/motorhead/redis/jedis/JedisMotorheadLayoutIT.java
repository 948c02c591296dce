package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMotorheadLayoutScenarios;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class JedisMotorheadLayoutIT extends RedisMotorheadLayoutScenarios {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Override
  protected RedisServer server() {
    return REDIS.server();
  }

  @Override
  protected MessageStore newMotorheadStore() {
    return JedisMessageStore.builder(REDIS.server().url()).layout(RedisLayout.MOTORHEAD).build();
  }
}
