package dev.motorhead.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One of the Lua scripts the Redis stores run: its name, its source and the SHA-1 digest Redis
 * knows it by. Immutable and thread-safe.
 *
 * <p>Part of the {@link ScriptRunner} contract between the store and the driver adapters; not
 * meant for applications. A runner sends {@code EVALSHA} with {@link #sha1()} and, when Redis
 * answers {@code NOSCRIPT} (its script cache was flushed, or it restarted, or a failover made
 * another node primary), {@code EVAL} with {@link #source()}, which loads it again:
 *
 * <pre>{@code
 * try {
 *   return jedis.evalsha(script.sha1(), keys, args);
 * } catch (JedisDataException e) {
 *   if (!RedisScript.isNoScript(e)) throw e;
 *   return jedis.eval(script.source(), keys, args);
 * }
 * }</pre>
 *
 * <p>Internal: not part of the public API; it may change in any release without notice.
 */
public final class RedisScript {
  private static final String FOLDER = "/dev/motorhead/redis/scripts/";

  private final String name;
  private final String source;
  private final String sha1;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** A script on a session's keys: the session prelude followed by {@code <name>.lua}. */
  public static RedisScript onSession(String name) {
    return new RedisScript(name, resource("session") + resource(name));
  }

  /** A script of the Motorhead layout: the session prelude and {@code motorhead/<name>.lua}. */
  public static RedisScript onMotorheadSession(String name) {
    return new RedisScript("motorhead/" + name, resource("session") + resource("motorhead/" + name));
  }

  /**
   * A script made of the session prelude and several files run one after the other, such as a
   * guard that may answer early followed by an ordinary script.
   */
  public static RedisScript composed(String name, String... parts) {
    StringBuilder source = new StringBuilder(resource("session"));
    for (String part : parts) {
      source.append(resource(part));
    }
    return new RedisScript(name, source.toString());
  }

  /** A script on one namespace index key: {@code <name>.lua} alone. */
  public static RedisScript onIndex(String name) {
    return new RedisScript(name, resource(name));
  }

  /**
   * A short name for logs and errors, such as {@code append}.
   *
   * @return the script's file name without {@code .lua}, such as {@code append}
   */
  public String name() {
    return name;
  }

  /**
   * The Lua source, for {@code EVAL} and {@code SCRIPT LOAD}.
   *
   * @return the whole source, the session prelude included
   */
  public String source() {
    return source;
  }

  /**
   * The lowercase hex SHA-1 of {@link #source()}, for {@code EVALSHA}.
   *
   * @return 40 lowercase hex digits
   */
  public String sha1() {
    return sha1;
  }

  /**
   * Whether a driver failure (or any of its causes) is Redis's {@code NOSCRIPT} error, meaning
   * the script must be sent again with {@code EVAL}.
   *
   * @param failure what the driver threw; may be null
   * @return true for {@code NOSCRIPT}
   */
  public static boolean isNoScript(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "RedisScript{" + name + ", sha1=" + sha1 + "}";
  }

  private static String resource(String name) {
    String path = FOLDER + name + ".lua";
    try (InputStream in = RedisScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script resource " + path, e);
    }
  }

  private static String sha1Hex(String source) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
