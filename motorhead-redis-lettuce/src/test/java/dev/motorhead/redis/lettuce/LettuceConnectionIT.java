package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisConnectionScenarios;
import dev.motorhead.store.MessageStore;

class LettuceConnectionIT extends RedisConnectionScenarios {
  @Override
  protected MessageStore storeFromUrl(String url) {
    return LettuceMessageStore.create(url);
  }
}
