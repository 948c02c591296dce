package dev.motorhead.examples.server;

import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisStoreBuilder;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The Redis driver clients the server builds itself so that it fails fast while Redis is down and
 * recovers by itself when Redis returns, on either driver:
 *
 * <ul>
 *   <li>Lettuce: every command times out after {@code MOTORHEAD_REDIS_TIMEOUT} (a fixed
 *       {@link TimeoutOptions} timeout, connecting too); on a standalone Redis, while the
 *       connection is down commands are rejected at once instead of being buffered
 *       ({@code REJECT_COMMANDS}). A cluster client buffers them instead, until the timeout:
 *       it connects to each node lazily, and rejecting would fail commands to a node whose
 *       connection is still opening. It reconnects by itself, retrying every 50 ms doubling to
 *       at most 1 s, so it is back within about a second of Redis.
 *   <li>Jedis: connecting and every read time out after half the timeout, and waiting for a
 *       pooled connection after the timeout. Half, because against a Redis that hangs (connected,
 *       never answering) the first command on a pooled connection was measured to wait two read
 *       timeouts before Jedis gives up on it; with half, every request still answers within the
 *       timeout. A new connection sends no {@code CLIENT SETINFO}, whose failures Jedis ignores:
 *       against a hung Redis it would cost one wait more. The pool checks its idle connections every second and drops the dead ones,
 *       so connections broken by a Redis restart are gone by the time Redis is back.
 * </ul>
 *
 * <p>Every client made here is added to {@code owned} before the store built on it, so it is
 * closed after the store.
 */
final class RedisDrivers {
  /** Lettuce's reconnect delay: from 50 ms, doubling, at most this. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

  private RedisDrivers() {}

  /** A store on Lettuce or Jedis, standalone or cluster, as the configuration says. */
  static MessageStore store(ServerConfig config, List<AutoCloseable> owned) {
    boolean jedis = config.redisDriver() == ServerConfig.RedisDriver.JEDIS;
    return jedis ? jedis(config, owned) : lettuce(config, owned);
  }

  private static MessageStore lettuce(ServerConfig config, List<AutoCloseable> owned) {
    Duration timeout = config.redisTimeout();
    ClientResources resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2,
            TimeUnit.MILLISECONDS))
        .build();
    owned.add(() -> resources.shutdown(0, 2, TimeUnit.SECONDS));
    RedisURI uri = RedisURI.create(config.redisUrl());
    uri.setTimeout(timeout);
    if (config.redisCluster()) {
      RedisClusterClient cluster = RedisClusterClient.create(resources, uri);
      ClusterClientOptions.Builder options = ClusterClientOptions.builder();
      failFast(options, timeout, ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS);
      cluster.setOptions(options.build());
      owned.add(() -> cluster.shutdown(0, 2, TimeUnit.SECONDS));
      return options(LettuceMessageStore.builder(cluster), config).build();
    }
    RedisClient client = RedisClient.create(resources, uri);
    ClientOptions.Builder options = ClientOptions.builder();
    failFast(options, timeout, ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    client.setOptions(options.build());
    owned.add(() -> client.shutdown(0, 2, TimeUnit.SECONDS));
    return options(LettuceMessageStore.builder(client), config).build();
  }

  /** Reconnects by itself; connecting and every command time out after the timeout. */
  private static void failFast(ClientOptions.Builder options, Duration timeout,
      ClientOptions.DisconnectedBehavior whileDisconnected) {
    options.autoReconnect(true)
        .disconnectedBehavior(whileDisconnected)
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.enabled(timeout));
  }

  private static MessageStore jedis(ServerConfig config, List<AutoCloseable> owned) {
    URI uri = URI.create(config.redisUrl());
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.redisTimeout().toMillis() / 2));
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
        .ssl(JedisURIHelper.isRedisSSLScheme(uri));
    if (JedisURIHelper.getUser(uri) != null) {
      client.user(JedisURIHelper.getUser(uri));
    }
    if (JedisURIHelper.getPassword(uri) != null) {
      client.password(JedisURIHelper.getPassword(uri));
    }
    RedisProtocol protocol = JedisURIHelper.getRedisProtocol(uri);
    if (protocol != null) {
      client.protocol(protocol);
    }
    GenericObjectPoolConfig<Connection> pool = pool(config);
    if (config.redisCluster()) {
      redis.clients.jedis.RedisClusterClient cluster = redis.clients.jedis.RedisClusterClient
          .builder()
          .nodes(Set.of(JedisURIHelper.getHostAndPort(uri)))
          .clientConfig(client.build())
          .poolConfig(pool)
          .maxTotalRetriesDuration(config.redisTimeout())
          .build();
      owned.add(cluster);
      return options(JedisMessageStore.builder(cluster), config).build();
    }
    if (JedisURIHelper.hasDbIndex(uri)) {
      client.database(JedisURIHelper.getDBIndex(uri));
    }
    redis.clients.jedis.RedisClient standalone = redis.clients.jedis.RedisClient.builder()
        .hostAndPort(JedisURIHelper.getHostAndPort(uri))
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
    owned.add(standalone);
    return options(JedisMessageStore.builder(standalone), config).build();
  }

  /**
   * Enough connections for every worker, compaction and indexing thread; a borrower waits at most
   * the Redis timeout; idle connections are tested every second so dead ones are dropped.
   */
  private static GenericObjectPoolConfig<Connection> pool(ServerConfig config) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    int size = config.workerThreads() + 8;
    pool.setMaxTotal(size);
    pool.setMaxIdle(size);
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(config.redisTimeout());
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
    pool.setNumTestsPerEvictionRun(-1);
    return pool;
  }

  private static <B extends RedisStoreBuilder<B>> B options(B builder, ServerConfig config) {
    if (config.sessionTtl() != null) {
      builder.sessionTtl(config.sessionTtl());
    }
    return builder.layout(config.keyLayout() == ServerConfig.KeyLayout.MOTORHEAD
        ? RedisLayout.MOTORHEAD
        : RedisLayout.NATIVE);
  }
}
