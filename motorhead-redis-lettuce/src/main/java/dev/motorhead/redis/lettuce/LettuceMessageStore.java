package dev.motorhead.redis.lettuce;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.StoreException;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisStoreBuilder;
import dev.motorhead.redis.internal.RedisFailures;
import dev.motorhead.redis.internal.ScriptRunner;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link dev.motorhead.store.MessageStore} on Redis through Lettuce: standalone, Redis
 * Cluster, TLS ({@code rediss://}) and ACL users, whatever the client is configured for.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("redis://localhost:6379");
 * MessageStore store = LettuceMessageStore.create(redis);
 * MemoryClient memory = MemoryClient.builder().store(store).build();
 * ...
 * store.close();     // closes the connection the store opened
 * redis.shutdown();  // the client is yours
 * }</pre>
 *
 * <h2>Who closes what</h2>
 * <ul>
 *   <li>{@link #create(RedisClient)}, {@link #create(RedisClusterClient)}: the store opens one
 *       connection on your client and closes it in {@link #close()}; you shut the client down.
 *   <li>{@link #create(StatefulRedisConnection)}, {@link #create(StatefulRedisClusterConnection)}:
 *       the connection is yours; {@link #close()} leaves it open. It must use a UTF-8 string
 *       codec ({@code StringCodec.UTF8}).
 *   <li>{@link #create(String)}: the store creates its own client from the URL and shuts it down
 *       in {@link #close()}.
 * </ul>
 *
 * <h2>When Redis is down</h2>
 * A store that creates its own client ({@link #create(String)}) fails fast: commands time out
 * after {@link Builder#commandTimeout(Duration) 2 seconds} by default, are rejected at once
 * while the connection is down (instead of being buffered until it comes back), and the client
 * reconnects with a delay doubling up to {@link Builder#maxReconnectDelay(Duration) 1 second}.
 * A wrong password fails the build with a {@link StoreException} saying authentication failed.
 * On a client you pass in, Lettuce's own defaults apply (a 60-second timeout, commands buffered
 * while disconnected, reconnect delays up to 30 seconds); to fail fast, set:
 * <pre>{@code
 * ClientResources resources = ClientResources.builder()
 *     .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
 *         TimeUnit.MILLISECONDS))
 *     .build();
 * RedisClient redis = RedisClient.create(resources, "redis://localhost:6379");
 * redis.setOptions(ClientOptions.builder()
 *     .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
 *     .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe; share one store. Operations are asynchronous on Lettuce's event loop; their
 * futures fail with {@link StoreException} (the Lettuce exception as cause) when Redis fails or
 * the command times out. See {@link RedisMessageStore} for the key layout and round trips.
 */
public final class LettuceMessageStore extends RedisMessageStore {

  private LettuceMessageStore(Builder builder) {
    super(builder);
  }

  /**
   * A store on a connection it opens on your client; see the class doc for who closes what.
   *
   * @param client a client you own and shut down, after closing the store
   * @return a new store, connected
   * @throws StoreException if Redis cannot be reached
   */
  public static LettuceMessageStore create(RedisClient client) {
    return builder(client).build();
  }

  /**
   * A store on a cluster connection it opens on your cluster client.
   *
   * @param client a cluster client you own and shut down, after closing the store
   * @return a new store, connected
   * @throws StoreException if the cluster cannot be reached
   */
  public static LettuceMessageStore create(RedisClusterClient client) {
    return builder(client).build();
  }

  /**
   * A store on your connection, which it never closes.
   *
   * @param connection an open connection with a UTF-8 string codec, which you own
   * @return a new store
   */
  public static LettuceMessageStore create(StatefulRedisConnection<String, String> connection) {
    return builder(connection).build();
  }

  /**
   * A store on your cluster connection, which it never closes.
   *
   * @param connection an open cluster connection with a UTF-8 string codec, which you own
   * @return a new store
   */
  public static LettuceMessageStore create(
      StatefulRedisClusterConnection<String, String> connection) {
    return builder(connection).build();
  }

  /**
   * A store with its own client, shut down by {@link #close()}.
   *
   * @param redisUrl such as {@code redis://localhost:6379/0},
   *     {@code rediss://user:password@host:6380}; see {@link RedisURI#create(String)}
   * @return a new store, connected
   * @throws IllegalArgumentException if the URL cannot be parsed
   * @throws StoreException if Redis cannot be reached or refuses the credentials
   */
  public static LettuceMessageStore create(String redisUrl) {
    return builder(redisUrl).build();
  }

  /**
   * A builder for a store on a connection it opens on your client, which you shut down.
   *
   * @param client a client you own
   * @return a new builder; {@link Builder#build()} connects
   */
  public static Builder builder(RedisClient client) {
    notNull(client, "client");
    return new Builder(
        () -> {
          StatefulRedisConnection<String, String> c =
              connectTellingRefusals(() -> client.connect(StringCodec.UTF8));
          return new LettuceScriptRunner<>(c, c.async(), true, c::close);
        });
  }

  /**
   * A builder for a store on a cluster connection it opens on your cluster client.
   *
   * @param client a cluster client you own
   * @return a new builder; {@link Builder#build()} connects
   */
  public static Builder builder(RedisClusterClient client) {
    notNull(client, "client");
    return new Builder(
        () -> {
          StatefulRedisClusterConnection<String, String> c =
              connectTellingRefusals(() -> client.connect(StringCodec.UTF8));
          return new LettuceScriptRunner<>(c, c.async(), false, c::close);
        });
  }

  /**
   * A builder for a store on your connection, which the store never closes.
   *
   * @param connection an open connection with a UTF-8 string codec
   * @return a new builder
   */
  public static Builder builder(StatefulRedisConnection<String, String> connection) {
    notNull(connection, "connection");
    return new Builder(
        () -> new LettuceScriptRunner<>(connection, connection.async(), true, () -> {}));
  }

  /**
   * A builder for a store on your cluster connection, which the store never closes.
   *
   * @param connection an open cluster connection with a UTF-8 string codec
   * @return a new builder
   */
  public static Builder builder(StatefulRedisClusterConnection<String, String> connection) {
    notNull(connection, "connection");
    return new Builder(() -> new LettuceScriptRunner<>(connection, connection.async(), false,
        () -> {}));
  }

  /**
   * @param redisUrl such as {@code redis://localhost:6379/0}; see {@link RedisURI#create(String)}
   * @return a new builder for a store with its own client, configured to fail fast
   * @throws IllegalArgumentException if the URL is blank or cannot be parsed
   */
  public static Builder builder(String redisUrl) {
    notBlank(redisUrl, "redisUrl");
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUrl);
    } catch (IllegalArgumentException | RedisException e) {
      // the message may quote the URL, which may hold a password: leave both out
      throw new IllegalArgumentException("redisUrl is not a valid Redis URL");
    }
    Builder[] builder = new Builder[1];
    builder[0] = new Builder(() -> ownClient(uri, builder[0]), true);
    return builder[0];
  }

  /** A client of the store's own, configured to fail fast (see the class comment). */
  private static ScriptRunner ownClient(RedisURI uri, Builder options) {
    ClientResources resources =
        ClientResources.builder()
            .reconnectDelay(Delay.exponential(Duration.ofMillis(10), options.maxReconnectDelay, 2,
                TimeUnit.MILLISECONDS))
            .build();
    RedisURI timed = RedisURI.builder(uri).withTimeout(options.ownCommandTimeout()).build();
    RedisClient client = RedisClient.create(resources, timed);
    client.setOptions(
        ClientOptions.builder()
            .timeoutOptions(TimeoutOptions.enabled(options.ownCommandTimeout()))
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    Runnable shutdown = () -> {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    };
    try {
      StatefulRedisConnection<String, String> c =
          connectTellingRefusals(() -> client.connect(StringCodec.UTF8));
      return new LettuceScriptRunner<>(
          c,
          c.async(),
          true,
          () -> {
            c.close();
            shutdown.run();
          });
    } catch (RuntimeException e) {
      shutdown.run();
      throw e;
    }
  }

  /**
   * Connects (every connection the store opens goes through here); when Lettuce reports only
   * that the connection closed during its handshake, tries twice more. Lettuce closes the connection when Redis refuses the password, and the close
   * can win the race to fail the handshake, hiding Redis's WRONGPASS behind "Connection closed
   * prematurely"; another try usually tells the refusal, which the operator needs to read.
   */
  private static <C> C connectTellingRefusals(Supplier<C> connect) {
    for (int attempt = 1; ; attempt++) {
      try {
        return connect.get();
      } catch (RedisConnectionException e) {
        if (attempt == 3 || !closedDuringHandshake(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean closedDuringHandshake(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if ("Connection closed prematurely".equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Builds a {@link LettuceMessageStore}; options in {@link RedisStoreBuilder}. Not thread-safe.
   */
  public static final class Builder extends RedisStoreBuilder<Builder> {
    private Duration maxReconnectDelay = Duration.ofSeconds(1);

    private Builder(Supplier<ScriptRunner> connect) {
      this(connect, false);
    }

    private Builder(Supplier<ScriptRunner> connect, boolean ownsClient) {
      super(connect, ownsClient);
    }

    Duration ownCommandTimeout() {
      return commandTimeout();
    }

    /**
     * The longest wait between reconnection attempts, for the client the store creates from a
     * URL; 1 second by default (delays double from 10 ms up to it).
     *
     * @param maxReconnectDelay positive
     * @return this builder
     * @throws IllegalStateException on a builder of a client or connection you passed in
     * @throws IllegalArgumentException if null, zero or negative
     */
    public Builder maxReconnectDelay(Duration maxReconnectDelay) {
      requireOwnClient("maxReconnectDelay");
      this.maxReconnectDelay = positive(maxReconnectDelay, "maxReconnectDelay");
      return this;
    }


    /**
     * Connects (when the store opens its own connection) and builds the store.
     *
     * @return a new store
     * @throws StoreException if Redis cannot be reached
     */
    public LettuceMessageStore build() {
      try {
        return new LettuceMessageStore(this);
      } catch (RedisException e) {
        throw RedisFailures.connecting(e);
      }
    }
  }
}
