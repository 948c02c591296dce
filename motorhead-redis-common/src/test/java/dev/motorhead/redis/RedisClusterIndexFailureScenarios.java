package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import dev.motorhead.store.MessageStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a Redis Cluster whose node holding the session index is down, appends to sessions on the
 * other nodes are stored and acknowledged: a failed index write never fails an append. Its own
 * cluster, since the test kills a node. A driver module extends it with a cluster store.
 */
public abstract class RedisClusterIndexFailureScenarios {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.cluster();

  /** A store of the driver under test on the cluster whose node ports are given. */
  protected abstract MessageStore newClusterStore(List<Integer> seeds);

  private static Message message(String content) {
    return Message.builder().role("Human").content(content).createdAt(NOW).tokenCount(1).build();
  }

  @Test
  public void anAppendIsStoredAndAcknowledgedWhileTheIndexNodeIsDown() {
    List<RedisServer> nodes = REDIS.redisCluster().nodes();
    RedisServer indexNode = nodes.get(nodeOf(nodes.get(0), "mh:sessions"));
    String session = null;
    for (int i = 0; session == null; i++) {
      if (nodes.get(nodeOf(nodes.get(0), "mh:{s-" + i + "}:meta")) != indexNode) {
        session = "s-" + i;
      }
    }
    try (MessageStore store = newClusterStore(REDIS.redisCluster().ports())) {
      store.append(session, "", List.of(message("before")), NOW).join();

      indexNode.kill();

      store.append(session, "", List.of(message("while the index is down")), NOW).join();
      assertThat(store.read(session, 10).join().messages()).extracting(Message::content)
          .containsExactly("before", "while the index is down");
    }
  }

  /** Which of the fixture's nodes serves the key: node i holds the i-th third of the slots. */
  private static int nodeOf(RedisServer any, String key) {
    try (RespClient redis = any.client()) {
      long slot = (Long) redis.call("CLUSTER", "KEYSLOT", key);
      return (int) (slot * 3 / 16384);
    }
  }
}
