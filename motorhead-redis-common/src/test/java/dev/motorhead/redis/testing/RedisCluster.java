package dev.motorhead.redis.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters on loopback, no replicas: slots split in three with
 * {@code CLUSTER ADDSLOTSRANGE}, nodes introduced with {@code CLUSTER MEET}, ready once every
 * node reports {@code cluster_state:ok} and knows all three slot ranges.
 */
public final class RedisCluster {
  private static final int SLOTS = 16384;

  private final List<RedisServer> nodes = new ArrayList<>();

  private RedisCluster() {}

  public static RedisCluster start() {
    RedisCluster cluster = new RedisCluster();
    try {
      for (int i = 0; i < 3; i++) {
        cluster.nodes.add(RedisServer.builder().clusterEnabled(true).start());
      }
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.stop();
      throw e;
    }
  }

  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  /** The node ports, the seeds a cluster client starts from. */
  public List<Integer> ports() {
    return nodes.stream().map(RedisServer::port).toList();
  }

  public void stop() {
    nodes.forEach(RedisServer::destroy);
  }

  private void form() {
    for (int i = 0; i < nodes.size(); i++) {
      int from = i * SLOTS / nodes.size();
      int to = (i + 1) * SLOTS / nodes.size() - 1;
      try (RespClient c = nodes.get(i).client()) {
        c.call("CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
      }
    }
    try (RespClient first = nodes.get(0).client()) {
      for (RedisServer other : nodes.subList(1, nodes.size())) {
        first.call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(other.port()));
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> nodes.stream().allMatch(RedisCluster::ready));
  }

  private static boolean ready(RedisServer node) {
    try (RespClient c = node.client()) {
      return c.text("CLUSTER", "INFO").contains("cluster_state:ok")
          && ((List<?>) c.call("CLUSTER", "SLOTS")).size() == 3
          && c.text("CLUSTER", "NODES").lines().count() == 3;
    }
  }
}
