package dev.motorhead.redis;

import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;
import static dev.motorhead.internal.Arguments.shown;

import dev.motorhead.redis.internal.ScriptRunner;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The options both Redis stores share; {@code LettuceMessageStore.builder(..)} and
 * {@code JedisMessageStore.builder(..)} extend it with their client. Each setter validates at
 * once and names the argument. Not thread-safe; the store it builds is immutable.
 *
 * <pre>{@code
 * MessageStore store = LettuceMessageStore.builder(redisClient)
 *     .sessionTtl(Duration.ofDays(7))
 *     .keyPrefix("chat")
 *     .build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class RedisStoreBuilder<B extends RedisStoreBuilder<B>> {
  private final Supplier<ScriptRunner> connect;
  private final boolean ownsClient;
  private Duration commandTimeout = Duration.ofSeconds(2);
  private Duration sessionTtl;
  private String keyPrefix = "mh";
  private RedisLayout layout = RedisLayout.NATIVE;

  /** @param connect opens the driver adapter when the store is built */
  protected RedisStoreBuilder(Supplier<ScriptRunner> connect) {
    this(connect, false);
  }

  /**
   * @param connect opens the driver adapter when the store is built
   * @param ownsClient whether the store creates its own client (from a URL), which the
   *     client options of this builder configure
   */
  protected RedisStoreBuilder(Supplier<ScriptRunner> connect, boolean ownsClient) {
    this.connect = notNull(connect, "connect");
    this.ownsClient = ownsClient;
  }

  /**
   * How long a command may take before it fails, for the client the store creates from a URL;
   * 2 seconds by default.
   *
   * @param commandTimeout positive
   * @return this builder
   * @throws IllegalStateException on a builder of a client you passed in: set the timeout on
   *     it (the store's class comment says how)
   * @throws IllegalArgumentException if null, zero or negative
   */
  public B commandTimeout(Duration commandTimeout) {
    requireOwnClient("commandTimeout");
    this.commandTimeout = positive(commandTimeout, "commandTimeout");
    return self();
  }

  /**
   * Refuses an option of the store's own client on a builder of a client the caller passed.
   *
   * @param option the option's name, for the message
   * @throws IllegalStateException naming the option, if the store does not create its client
   */
  protected final void requireOwnClient(String option) {
    if (!ownsClient) {
      throw new IllegalStateException(option + " applies to the client a store creates from "
          + "a URL; set it on the client you passed in (see the store's class comment)");
    }
  }

  /**
   * The command timeout of the store's own client.
   *
   * @return the timeout; 2 seconds unless set
   */
  protected final Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Sessions not written for this long expire, every key of them (Redis's own expiry, sliding:
   * every write restarts it); by default sessions never expire.
   *
   * @param sessionTtl at least one millisecond
   * @return this builder
   * @throws IllegalArgumentException if null, not positive, or below one millisecond
   */
  public B sessionTtl(Duration sessionTtl) {
    positive(sessionTtl, "sessionTtl");
    if (sessionTtl.toMillis() < 1) {
      throw new IllegalArgumentException("sessionTtl must be at least 1ms, was " + sessionTtl);
    }
    this.sessionTtl = sessionTtl;
    return self();
  }

  /**
   * The first part of every key, {@code "mh"} by default; lets several applications share one
   * Redis.
   *
   * @param keyPrefix the prefix, such as {@code "chat"}
   * @return this builder
   * @throws IllegalArgumentException if null, blank, or containing <code>{</code> or
   *     <code>}</code> (they would break the hash tags that keep a session in one slot)
   */
  public B keyPrefix(String keyPrefix) {
    notNull(keyPrefix, "keyPrefix");
    if (!KeyLayout.isValidPrefix(keyPrefix)) {
      throw new IllegalArgumentException(
          "keyPrefix must be non-blank without { or }, was " + shown(keyPrefix));
    }
    this.keyPrefix = keyPrefix;
    return self();
  }

  /**
   * How sessions are laid out: {@link RedisLayout#NATIVE} by default, or
   * {@link RedisLayout#MOTORHEAD} to read and continue the data of a Motorhead server (see its
   * limits there). The key prefix applies to the keys the library adds in that layout.
   *
   * @param layout the layout
   * @return this builder
   * @throws IllegalArgumentException if null
   */
  public B layout(RedisLayout layout) {
    this.layout = notNull(layout, "layout");
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  ScriptRunner connect() {
    return connect.get();
  }

  Duration sessionTtl() {
    return sessionTtl;
  }

  String keyPrefix() {
    return keyPrefix;
  }

  RedisLayout layout() {
    return layout;
  }
}
