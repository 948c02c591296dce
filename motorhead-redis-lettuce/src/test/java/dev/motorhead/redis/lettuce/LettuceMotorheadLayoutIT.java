package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMotorheadLayoutScenarios;
import dev.motorhead.store.MessageStore;

class LettuceMotorheadLayoutIT extends RedisMotorheadLayoutScenarios {
  @Override
  protected MessageStore newMotorheadStore() {
    return LettuceMessageStore.builder(server().url()).layout(RedisLayout.MOTORHEAD).build();
  }
}
