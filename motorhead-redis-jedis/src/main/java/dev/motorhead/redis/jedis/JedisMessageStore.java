package dev.motorhead.redis.jedis;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.StoreException;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisStoreBuilder;
import dev.motorhead.redis.internal.RedisFailures;
import dev.motorhead.redis.internal.ScriptRunner;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@link dev.motorhead.store.MessageStore} on Redis through Jedis: standalone
 * ({@code RedisClient}, formerly {@code JedisPooled}), Redis Cluster ({@code RedisClusterClient}
 * or {@code JedisCluster}), TLS and ACL users, whatever the client is configured for.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("redis://localhost:6379");
 * MessageStore store = JedisMessageStore.create(redis);
 * MemoryClient memory = MemoryClient.builder().store(store).build();
 * ...
 * store.close();  // leaves your client open
 * redis.close();  // the client is yours
 * }</pre>
 *
 * <h2>Who closes what</h2>
 * <ul>
 *   <li>{@link #create(UnifiedJedis)}: the client is yours; {@link #close()} leaves it open.
 *   <li>{@link #create(String)}: the store creates its own pooled client from the URL and closes
 *       it in {@link #close()}.
 * </ul>
 *
 * <h2>Checks and timeouts</h2>
 * Building a store sends a {@code PING}: an unreachable Redis or a refused password fails the
 * build with a {@link StoreException} (a refused password says authentication failed), as the
 * Lettuce store does. A store that creates its own client ({@link #create(String)}) gives it a
 * {@link Builder#commandTimeout(Duration) 2-second} connect and read timeout and a pool of
 * {@link Builder#poolSize(int) 64} connections whose callers wait at most that timeout for one.
 * On a client you pass in, its own settings apply: set {@code connectionTimeoutMillis} and
 * {@code socketTimeoutMillis} in its {@code DefaultJedisClientConfig}, and {@code maxTotal} and
 * {@code maxWait} in its pool configuration (Jedis's pool defaults to 8 connections and an
 * unbounded wait).
 *
 * <p>Thread-safe when the client is (pooled and cluster clients are). Jedis blocks: each
 * operation runs on the calling thread, and the future it returns is already complete, or
 * failed with {@link StoreException} (the Jedis exception as cause). See
 * {@link RedisMessageStore} for the key layout and round trips.
 */
public final class JedisMessageStore extends RedisMessageStore {

  private JedisMessageStore(Builder builder) {
    super(builder);
  }

  /**
   * A store on your client, which it never closes.
   *
   * @param jedis a pooled or cluster client you own and close, after closing the store
   * @return a new store, checked with a {@code PING}
   * @throws StoreException if Redis cannot be reached or refuses the credentials
   */
  public static JedisMessageStore create(UnifiedJedis jedis) {
    return builder(jedis).build();
  }

  /**
   * A store with its own pooled client, closed by {@link #close()}.
   *
   * @param redisUrl such as {@code redis://localhost:6379/0} or
   *     {@code rediss://user:password@host:6380} (TLS trusts the JVM's default trust store)
   * @return a new store, checked with a {@code PING}
   * @throws IllegalArgumentException if the URL cannot be parsed
   * @throws StoreException if Redis cannot be reached or refuses the credentials
   */
  public static JedisMessageStore create(String redisUrl) {
    return builder(redisUrl).build();
  }

  /**
   * A builder for a store on your client, which the store never closes.
   *
   * @param jedis a pooled or cluster client you own
   * @return a new builder; {@link Builder#build()} sends the {@code PING}
   */
  public static Builder builder(UnifiedJedis jedis) {
    notNull(jedis, "jedis");
    return new Builder(() -> checked(new JedisScriptRunner(jedis, false)), false);
  }

  /**
   * @param redisUrl such as {@code redis://localhost:6379/0} or
   *     {@code rediss://user:password@host:6380}
   * @return a new builder for a store with its own pooled client
   * @throws IllegalArgumentException if the URL cannot be parsed
   */
  public static Builder builder(String redisUrl) {
    notBlank(redisUrl, "redisUrl");
    URI uri;
    try {
      uri = new URI(redisUrl);
    } catch (java.net.URISyntaxException e) {
      // the message quotes the URL, which may hold a password: leave both out
      throw new IllegalArgumentException("redisUrl is not a valid Redis URL");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalArgumentException("redisUrl must be redis://host:port or rediss://...");
    }
    Builder[] builder = new Builder[1];
    builder[0] = new Builder(() -> checked(ownClient(uri, builder[0])), true);
    return builder[0];
  }

  @SuppressWarnings("deprecation") // fromURI: the URL's user, password, database and TLS
  private static JedisScriptRunner ownClient(URI uri, Builder options) {
    int timeout = (int) Math.min(Integer.MAX_VALUE, options.ownCommandTimeout().toMillis());
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(options.poolSize);
    pool.setMaxIdle(options.poolSize);
    pool.setMaxWait(options.ownCommandTimeout()); // the command timeout also bounds the wait
    RedisClient client =
        RedisClient.builder()
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(timeout)
                    .socketTimeoutMillis(timeout)
                    .build())
            .fromURI(uri)
            .poolConfig(pool)
            .build();
    return new JedisScriptRunner(client, true);
  }

  /** The runner once Redis answered a PING; closed (if it owns its client) when it did not. */
  private static JedisScriptRunner checked(JedisScriptRunner runner) {
    try {
      runner.ping();
      return runner;
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }
  }

  /** Builds a {@link JedisMessageStore}; options in {@link RedisStoreBuilder}. Not thread-safe. */
  public static final class Builder extends RedisStoreBuilder<Builder> {
    private int poolSize = 64;

    private Builder(Supplier<ScriptRunner> connect, boolean ownsClient) {
      super(connect, ownsClient);
    }

    Duration ownCommandTimeout() {
      return commandTimeout();
    }

    /**
     * The most connections of the client the store creates from a URL; 64 by default (each
     * blocking call holds one).
     *
     * @param poolSize 1 to 10,000
     * @return this builder
     * @throws IllegalStateException on a builder of a client you passed in: set it there
     * @throws IllegalArgumentException if outside 1 to 10,000
     */
    public Builder poolSize(int poolSize) {
      requireOwnClient("poolSize");
      this.poolSize = dev.motorhead.internal.Arguments.between(poolSize, 1, 10_000, "poolSize");
      return this;
    }


    /**
     * Checks the connection with a {@code PING} and builds the store.
     *
     * @return a new store
     * @throws StoreException if Redis cannot be reached or refuses the credentials
     */
    public JedisMessageStore build() {
      try {
        return new JedisMessageStore(this);
      } catch (JedisException e) {
        throw RedisFailures.connecting(e);
      }
    }
  }
}
