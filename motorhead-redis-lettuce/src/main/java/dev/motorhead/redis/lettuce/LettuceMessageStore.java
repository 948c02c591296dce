package dev.motorhead.redis.lettuce;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.StoreException;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisStoreBuilder;
import dev.motorhead.redis.ScriptRunner;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
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
 * <p>Thread-safe; share one store. Operations are asynchronous on Lettuce's event loop; their
 * futures fail with {@link StoreException} (the Lettuce exception as cause) when Redis fails or
 * the command times out (the client's timeout applies). See {@link RedisMessageStore} for the
 * key layout and round trips.
 */
public final class LettuceMessageStore extends RedisMessageStore {

  private LettuceMessageStore(Builder builder) {
    super(builder);
  }

  /** A store on a connection it opens on your client; see the class doc for who closes what. */
  public static LettuceMessageStore create(RedisClient client) {
    return builder(client).build();
  }

  /** A store on a cluster connection it opens on your cluster client. */
  public static LettuceMessageStore create(RedisClusterClient client) {
    return builder(client).build();
  }

  /** A store on your connection, which it never closes. */
  public static LettuceMessageStore create(StatefulRedisConnection<String, String> connection) {
    return builder(connection).build();
  }

  /** A store on your cluster connection, which it never closes. */
  public static LettuceMessageStore create(
      StatefulRedisClusterConnection<String, String> connection) {
    return builder(connection).build();
  }

  /**
   * A store with its own client, shut down by {@link #close()}.
   *
   * @param redisUrl such as {@code redis://localhost:6379/0},
   *     {@code rediss://user:password@host:6380}; see {@link RedisURI#create(String)}
   * @throws IllegalArgumentException if the URL cannot be parsed
   */
  public static LettuceMessageStore create(String redisUrl) {
    return builder(redisUrl).build();
  }

  public static Builder builder(RedisClient client) {
    notNull(client, "client");
    return new Builder(
        () -> {
          StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
          return new LettuceScriptRunner<>(c.async(), c::close);
        });
  }

  public static Builder builder(RedisClusterClient client) {
    notNull(client, "client");
    return new Builder(
        () -> {
          StatefulRedisClusterConnection<String, String> c = client.connect(StringCodec.UTF8);
          return new LettuceScriptRunner<>(c.async(), c::close);
        });
  }

  public static Builder builder(StatefulRedisConnection<String, String> connection) {
    notNull(connection, "connection");
    return new Builder(() -> new LettuceScriptRunner<>(connection.async(), () -> {}));
  }

  public static Builder builder(StatefulRedisClusterConnection<String, String> connection) {
    notNull(connection, "connection");
    return new Builder(() -> new LettuceScriptRunner<>(connection.async(), () -> {}));
  }

  /** @throws IllegalArgumentException if the URL cannot be parsed */
  public static Builder builder(String redisUrl) {
    notBlank(redisUrl, "redisUrl");
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUrl);
    } catch (IllegalArgumentException | RedisException e) {
      // the message may quote the URL, which may hold a password: leave both out
      throw new IllegalArgumentException("redisUrl is not a valid Redis URL");
    }
    return new Builder(
        () -> {
          RedisClient client = RedisClient.create(uri);
          try {
            StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
            return new LettuceScriptRunner<>(
                c.async(),
                () -> {
                  c.close();
                  client.shutdown();
                });
          } catch (RuntimeException e) {
            client.shutdown();
            throw e;
          }
        });
  }

  /**
   * Builds a {@link LettuceMessageStore}; options in {@link RedisStoreBuilder}. Not thread-safe.
   */
  public static final class Builder extends RedisStoreBuilder<Builder> {
    private Builder(Supplier<ScriptRunner> connect) {
      super(connect);
    }

    /**
     * Connects (when the store opens its own connection) and builds the store.
     *
     * @throws StoreException if Redis cannot be reached
     */
    public LettuceMessageStore build() {
      try {
        return new LettuceMessageStore(this);
      } catch (RedisException e) {
        throw new StoreException("cannot connect to Redis: " + e.getMessage(), e);
      }
    }
  }
}
