package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import dev.motorhead.redis.testing.RedisCluster;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's store contract on a three-master Redis Cluster, plus proof that sessions spread over
 * the nodes while each session stays whole on one. A driver module extends it with a cluster
 * fixture and a cluster client.
 */
public abstract class RedisClusterContract extends RedisMessageStoreContract {

  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.cluster();

  /** The fixture's cluster. */
  protected static RedisCluster cluster() {
    return REDIS.redisCluster();
  }

  @Test
  public void sessionsSpreadOverEveryNodeAndEachStaysWholeOnOne() {
    MessageStore store = createStore(null);
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    for (int i = 0; i < 30; i++) {
      store
          .append("session-" + i, "spread", List.of(Message.builder().role("AI").content("x")
              .createdAt(now).tokenCount(1).build()), now.plusSeconds(i))
          .join();
    }

    for (RedisServer node : cluster().nodes()) {
      try (RespClient redis = node.client()) {
        List<?> keys = (List<?>) redis.call("KEYS", "*:{session-*");
        assertThat(keys).as("session keys on node %s", node.port()).isNotEmpty();
        for (Object key : keys) {
          String session = ((String) key).replaceAll(".*\\{(.*)\\}.*", "$1");
          String prefix = ((String) key).substring(0, ((String) key).indexOf('{'));
          assertThat(redis.call("EXISTS", prefix + "{" + session + "}:messages",
                  prefix + "{" + session + "}:meta"))
              .as("every key of %s on node %s", session, node.port())
              .isEqualTo(2L);
        }
      }
    }
    assertThat(store.sessions("spread", 1, 100, SessionOrder.MOST_RECENT_FIRST).join())
        .hasSize(30)
        .startsWith("session-29");
  }
}
