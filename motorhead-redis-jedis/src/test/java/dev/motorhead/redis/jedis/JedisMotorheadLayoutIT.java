package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMotorheadLayoutScenarios;
import dev.motorhead.store.MessageStore;

class JedisMotorheadLayoutIT extends RedisMotorheadLayoutScenarios {
  @Override
  protected MessageStore newMotorheadStore() {
    return JedisMessageStore.builder(server().url()).layout(RedisLayout.MOTORHEAD).build();
  }
}
