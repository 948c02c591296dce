package dev.motorhead.langchain4j;

import dev.motorhead.redis.testing.RedisCluster;
import dev.motorhead.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat memory scenarios on a real three-master Redis Cluster; a driver IT says how to connect. */
abstract class RedisClusterScenarios extends ChatMemoryScenarios {
  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.cluster();

  static RedisCluster cluster() {
    return REDIS.redisCluster();
  }
}
