package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Memory;
import dev.motorhead.Message;
import dev.motorhead.redis.testing.RedisServerExtension;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A Redis Cluster from spring.data.redis.cluster.nodes or from motorhead.redis.cluster. */
class RedisClusterStoreIT {
  @RegisterExtension static final RedisServerExtension CLUSTER = RedisServerExtension.cluster();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MotorheadAutoConfiguration.class));

  private static void manySessionsRoundTrip(MemoryClient client) {
    for (int i = 0; i < 30; i++) { // spread over the cluster's slots
      client.session("s" + i).add(Message.of("user", "hello " + i));
    }
    for (int i = 0; i < 30; i++) {
      Memory m = client.session("s" + i).memory();
      assertThat(m.messages()).extracting(Message::content).containsExactly("hello " + i);
    }
  }

  @Test
  void springDataRedisClusterNodesGiveAClusterStore() {
    String nodes = CLUSTER.redisCluster().ports().stream()
        .map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    runner.withPropertyValues("spring.data.redis.cluster.nodes=" + nodes,
            "motorhead.key-prefix=nodes")
        .run(context -> {
          assertThat(context.getBean(RedisConnection.class).describe()).startsWith("Redis Cluster");
          manySessionsRoundTrip(context.getBean(MemoryClient.class));
        });
  }

  @Test
  void motorheadRedisUrlWithClusterTrueGivesAClusterStore() {
    runner.withPropertyValues("motorhead.redis.url=" + CLUSTER.server().url(),
            "motorhead.redis.cluster=true", "motorhead.key-prefix=url")
        .run(context -> manySessionsRoundTrip(context.getBean(MemoryClient.class)));
  }
}
