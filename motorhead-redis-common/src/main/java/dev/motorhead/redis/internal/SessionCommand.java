package dev.motorhead.redis.internal;

import java.util.List;

/**
 * A plain command on one key of a session, which a {@link ScriptRunner} sends pipelined with
 * others ({@link ScriptRunner#pipeline}): the store reads a session with a few of these instead
 * of a script, since a script's reply costs Redis two more copies of the window (into Lua and
 * out again). Part of the contract between the store and the driver adapters; not meant for
 * applications.
 *
 * <p>Internal: not part of the public API; it may change in any release without notice.
 *
 * @param type the command
 * @param key the key it acts on, which routes it (all keys of a pipeline share one slot)
 * @param args its arguments after the key, as {@link Type} describes
 */
public record SessionCommand(Type type, String key, List<String> args) {

  /** The commands a pipeline may hold, with their arguments and replies. */
  public enum Type {
    /** {@code HGET key field}: the value, or {@code null}. */
    HGET,
    /** {@code HMGET key field...}: a list of the values, {@code null} for a missing field. */
    HMGET,
    /** {@code LRANGE key start stop}: a list of the elements. */
    LRANGE,
    /**
     * {@code SET key value NX PX milliseconds} (args: value, milliseconds): {@code "OK"} when it
     * was set, {@code null} when the key existed.
     */
    SET_NX_PX
  }

  /**
   * Copies {@code args}.
   *
   * @param type the command
   * @param key the key it acts on, which routes it
   * @param args its arguments after the key; not null
   */
  public SessionCommand {
    args = List.copyOf(args);
  }

  public static SessionCommand hget(String key, String field) {
    return new SessionCommand(Type.HGET, key, List.of(field));
  }

  public static SessionCommand hmget(String key, List<String> fields) {
    return new SessionCommand(Type.HMGET, key, fields);
  }

  public static SessionCommand lrange(String key, long start, long stop) {
    return new SessionCommand(Type.LRANGE, key, List.of(Long.toString(start), Long.toString(stop)));
  }

  public static SessionCommand setNxPx(String key, String value, long millis) {
    return new SessionCommand(Type.SET_NX_PX, key, List.of(value, Long.toString(millis)));
  }
}
