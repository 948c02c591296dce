package dev.motorhead.langchain4j;

import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat memory scenarios on one real standalone redis-server; a driver IT says how to connect. */
abstract class RedisStandaloneScenarios extends ChatMemoryScenarios {
  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  static RedisServer server() {
    return REDIS.server();
  }
}
