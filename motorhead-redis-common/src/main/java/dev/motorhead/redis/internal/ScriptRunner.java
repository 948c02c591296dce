package dev.motorhead.redis.internal;

import dev.motorhead.redis.RedisMessageStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a Redis driver adapter implements so that {@link RedisMessageStore} can run on it: the
 * whole store algorithm lives in {@link RedisMessageStore}, a driver only sends commands. Part
 * of the contract between the store and the driver adapters; not meant for applications.
 *
 * <p>Implementations are thread-safe. Failures complete the returned future exceptionally with
 * the driver's exception; the store wraps it in a {@link dev.motorhead.StoreException}.
 *
 * <p>Internal: not part of the public API; it may change in any release without notice.
 */
public interface ScriptRunner extends AutoCloseable {

  /**
   * Runs {@code script} with {@code EVALSHA}, falling back on {@code EVAL} when Redis answers
   * {@code NOSCRIPT}, and sends {@code alongside} in the same flush (pipelined, not atomic with
   * the script: the index keys may live on other cluster nodes).
   *
   * @param script the script to run
   * @param keys the script's keys, all in one slot, the first one routing the call
   * @param args the script's arguments ({@code ARGV})
   * @param alongside index writes to send in the same flush; may be empty
   * @return the script's reply: a list whose elements are {@code Long}, {@code String} (or
   *     {@code byte[]}), {@code null} or nested lists; it completes when the writes have too
   */
  CompletableFuture<Object> run(
      RedisScript script, List<String> keys, List<String> args, List<IndexWrite> alongside);

  /**
   * Whether every key is on the one server this runner talks to (standalone Redis, not a
   * cluster), so that a session's script may also write its namespace index; false by default.
   *
   * @return true only when the runner talks to one standalone server
   */
  default boolean singleServer() {
    return false;
  }

  /**
   * Sends plain commands on the keys of one session (one slot), pipelined in one flush, in order
   * on one connection, so Redis runs them in that order (other clients' commands may come
   * between them). Completes with their replies, in order, as {@link SessionCommand.Type}
   * describes them; fails as a whole if any of them fails.
   *
   * @param commands the commands, all on keys of one slot
   * @return their replies, in order
   */
  CompletableFuture<List<Object>> pipeline(List<SessionCommand> commands);

  /**
   * Sends the index writes, pipelined.
   *
   * @param writes the writes; their keys may live on different nodes
   * @return a future completing with {@code null} once every write is acknowledged
   */
  CompletableFuture<Void> write(List<IndexWrite> writes);

  /**
   * For each key, in order, whether it exists; the keys may live on different nodes.
   *
   * @param keys the keys to test
   * @return one flag per key, in order
   */
  CompletableFuture<List<Boolean>> exists(List<String> keys);

  /**
   * Reads a string key with a plain {@code GET}; {@code null} when it does not exist. For bulk
   * reads (long-term memory codes): a script returning a large value costs Redis two more
   * copies of it.
   *
   * @param key the key to read
   * @return its value, or {@code null}
   */
  CompletableFuture<String> get(String key);

  /** Closes what the adapter owns (connections or clients it created), nothing else. */
  @Override
  void close();
}
