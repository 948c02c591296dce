package dev.motorhead.redis.jedis;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.StoreException;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisStoreBuilder;
import dev.motorhead.redis.ScriptRunner;
import java.net.URI;
import java.util.function.Supplier;
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
 * <p>Thread-safe when the client is (pooled and cluster clients are). Jedis blocks: each
 * operation runs on the calling thread, and the future it returns is already complete, or
 * failed with {@link StoreException} (the Jedis exception as cause). Timeouts are the client's.
 * See {@link RedisMessageStore} for the key layout and round trips.
 */
public final class JedisMessageStore extends RedisMessageStore {

  private JedisMessageStore(Builder builder) {
    super(builder);
  }

  /** A store on your client, which it never closes. */
  public static JedisMessageStore create(UnifiedJedis jedis) {
    return builder(jedis).build();
  }

  /**
   * A store with its own pooled client, closed by {@link #close()}.
   *
   * @param redisUrl such as {@code redis://localhost:6379/0} or
   *     {@code rediss://user:password@host:6380} (TLS trusts the JVM's default trust store)
   * @throws IllegalArgumentException if the URL cannot be parsed
   */
  public static JedisMessageStore create(String redisUrl) {
    return builder(redisUrl).build();
  }

  public static Builder builder(UnifiedJedis jedis) {
    notNull(jedis, "jedis");
    return new Builder(() -> new JedisScriptRunner(jedis, false));
  }

  /** @throws IllegalArgumentException if the URL cannot be parsed */
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
    return new Builder(() -> new JedisScriptRunner(RedisClient.create(uri), true));
  }

  /** Builds a {@link JedisMessageStore}; options in {@link RedisStoreBuilder}. Not thread-safe. */
  public static final class Builder extends RedisStoreBuilder<Builder> {
    private Builder(Supplier<ScriptRunner> connect) {
      super(connect);
    }

    /**
     * Builds the store.
     *
     * @throws StoreException if the client cannot be created
     */
    public JedisMessageStore build() {
      try {
        return new JedisMessageStore(this);
      } catch (JedisException e) {
        throw new StoreException("cannot create the Jedis client: " + e.getMessage(), e);
      }
    }
  }
}
