package dev.motorhead.spring.boot;

import dev.motorhead.redis.lettuce.LettuceMessageStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client the starter creates for its store, set up to fail fast while Redis is down:
 * a short command timeout ({@code motorhead.redis.command-timeout}), commands rejected at once
 * while disconnected instead of queued (on a Redis Cluster: queued, at most 10,000, each failing
 * after the command timeout, because Lettuce would also reject the first command to every node
 * it has not connected to yet), reconnection attempts at most
 * {@code motorhead.redis.max-reconnect-delay} apart, and a connect timeout. Closed after the
 * store (which closes its connection first), when the application context closes.
 */
final class RedisConnection implements AutoCloseable {
  /** Commands a cluster connection holds while a node is unreachable, before refusing more. */
  private static final int QUEUE_WHILE_DISCONNECTED = 10_000;

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final RedisSettings settings;

  RedisConnection(RedisSettings settings, MotorheadProperties.Redis options) {
    this.settings = settings;
    Duration maxDelay = options.getMaxReconnectDelay();
    Duration minDelay = maxDelay.compareTo(Duration.ofMillis(50)) < 0 ? maxDelay : Duration.ofMillis(50);
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(minDelay, maxDelay, 2, TimeUnit.MILLISECONDS))
        .build();
    for (RedisURI uri : settings.uris()) {
      uri.setTimeout(options.getCommandTimeout());
    }
    SocketOptions socket = SocketOptions.builder().connectTimeout(options.getConnectTimeout()).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(options.getCommandTimeout());
    try {
      if (settings.cluster()) {
        RedisClusterClient cluster = RedisClusterClient.create(resources, settings.uris());
        cluster.setOptions(ClusterClientOptions.builder()
            // Lettuce opens node connections lazily and, told to reject, rejects the first
            // command to each node: so a cluster queues (a bounded queue) and relies on the
            // command timeout to fail fast.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
            .requestQueueSize(QUEUE_WHILE_DISCONNECTED)
            .autoReconnect(true)
            .socketOptions(socket)
            .timeoutOptions(timeouts)
            .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enableAllAdaptiveRefreshTriggers()
                .build())
            .build());
        this.client = cluster;
      } else {
        RedisClient standalone = RedisClient.create(resources, settings.uris().get(0));
        standalone.setOptions(ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .autoReconnect(true)
            .socketOptions(socket)
            .timeoutOptions(timeouts)
            .build());
        this.client = standalone;
      }
    } catch (RuntimeException e) {
      resources.shutdown();
      throw e;
    }
  }

  /** A store builder on this client; the store opens (and closes) its own connection. */
  LettuceMessageStore.Builder storeBuilder() {
    return client instanceof RedisClusterClient cluster
        ? LettuceMessageStore.builder(cluster)
        : LettuceMessageStore.builder((RedisClient) client);
  }

  String describe() {
    return settings.describe();
  }

  @Override
  public void close() {
    client.shutdown();
    resources.shutdown();
  }

  @Override
  public String toString() {
    return "RedisConnection{" + describe() + "}";
  }
}
