package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.IndexWrite;
import dev.motorhead.redis.RedisScript;
import dev.motorhead.redis.ScriptRunner;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisSortedSetAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the store's scripts over one Lettuce connection, standalone or cluster (the cluster
 * connection routes each command by its first key and follows MOVED/ASK). Commands issued one
 * after the other without waiting share Lettuce's write path, which pipelines them.
 *
 * @param <C> the connection's async commands
 */
final class LettuceScriptRunner<
        C extends
            RedisScriptingAsyncCommands<String, String>
                & RedisSortedSetAsyncCommands<String, String>
                & RedisKeyAsyncCommands<String, String>
                & RedisStringAsyncCommands<String, String>>
    implements ScriptRunner {
  private static final String[] NO_STRINGS = {};
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(LettuceScriptRunner.class);

  private final C commands;
  private final boolean singleServer;
  private final Runnable closeOwned;

  /**
   * @param singleServer whether the connection is to one standalone server (not a cluster)
   * @param closeOwned closes what the store owns (the connection, or the connection and client)
   */
  LettuceScriptRunner(C commands, boolean singleServer, Runnable closeOwned) {
    this.commands = commands;
    this.singleServer = singleServer;
    this.closeOwned = closeOwned;
  }

  @Override
  public boolean singleServer() {
    return singleServer;
  }

  @Override
  public CompletableFuture<Object> run(
      RedisScript script, List<String> keys, List<String> args, List<IndexWrite> alongside) {
    String[] k = keys.toArray(NO_STRINGS);
    String[] a = args.toArray(NO_STRINGS);
    CompletableFuture<Object> reply =
        commands
            .<Object>evalsha(script.sha1(), ScriptOutputType.MULTI, k, a)
            .toCompletableFuture()
            .exceptionallyCompose(
                failure ->
                    RedisScript.isNoScript(failure)
                        ? commands
                            .<Object>eval(script.source(), ScriptOutputType.MULTI, k, a)
                            .toCompletableFuture()
                        : CompletableFuture.failedFuture(failure));
    if (alongside.isEmpty()) {
      return reply;
    }
    // Sent in the same flush, but the script's reply alone decides the result: an index write
    // that fails (its cluster node is down) is logged, and the next write of the session
    // writes the entry again.
    write(alongside).whenComplete((done, failure) -> {
      if (failure != null) {
        log.warn("Redis: a session index write failed after the {} it went with succeeded; "
            + "the next write of the session repairs it: {}", script.name(), failure.toString());
      }
    });
    return reply;
  }

  @Override
  public CompletableFuture<Void> write(List<IndexWrite> writes) {
    List<CompletableFuture<Long>> sent = new ArrayList<>(writes.size());
    for (IndexWrite w : writes) {
      sent.add(
          (w.remove()
                  ? commands.zrem(w.key(), w.member())
                  : commands.zadd(w.key(), w.score(), w.member()))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  @Override
  public CompletableFuture<List<Boolean>> exists(List<String> keys) {
    List<CompletableFuture<Long>> sent = new ArrayList<>(keys.size());
    for (String key : keys) {
      sent.add(commands.exists(key).toCompletableFuture());
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .thenApply(done -> sent.stream().map(f -> f.join() > 0).toList());
  }

  @Override
  public CompletableFuture<String> get(String key) {
    return commands.get(key).toCompletableFuture();
  }

  @Override
  public void close() {
    closeOwned.run();
  }
}
