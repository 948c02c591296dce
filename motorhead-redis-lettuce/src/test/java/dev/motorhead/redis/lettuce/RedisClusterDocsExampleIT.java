package dev.motorhead.redis.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.redis.testing.RedisServerExtension;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lettuce cluster example of docs/redis.md as written, on the fixture's three masters. */
class RedisClusterDocsExampleIT {
  @RegisterExtension
  static final RedisServerExtension CLUSTER = RedisServerExtension.cluster();

  @Test
  void aClusterClient() {
    List<Integer> ports = CLUSTER.redisCluster().ports();
    String seedUrl = "redis://127.0.0.1:" + ports.get(0);
    // docs: redis, lettuce cluster
    RedisClusterClient cluster = RedisClusterClient.create(RedisURI.create(seedUrl)); // any node
    try (LettuceMessageStore store = LettuceMessageStore.create(cluster);
         MemoryClient client = MemoryClient.builder().store(store).build()) {
      for (int i = 0; i < 100; i++) { // sessions spread over the masters, each in one slot
        client.session("user-" + i).add(Message.of("Human", "hello " + i));
      }
      System.out.println(client.session("user-99").memory().messages());
    } finally {
      cluster.shutdown();
    }
    // end
    long onFirstNode = (Long) CLUSTER.redisCluster().nodes().get(0).client().call("DBSIZE");
    assertThat(onFirstNode).isBetween(1L, 199L); // some of the 100 sessions' keys, not all
  }
}
