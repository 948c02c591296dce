package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.internal.IndexWrite;
import dev.motorhead.redis.internal.RedisScript;
import dev.motorhead.redis.internal.ScriptRunner;
import dev.motorhead.redis.internal.SessionCommand;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisSortedSetAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
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

  private final StatefulConnection<String, String> connection;
  private final C commands;
  private final boolean singleServer;
  private final Runnable closeOwned;

  /**
   * @param connection the connection, which {@link #pipeline} writes to directly
   * @param commands its async commands
   * @param singleServer whether the connection is to one standalone server (not a cluster)
   * @param closeOwned closes what the store owns (the connection, or the connection and client)
   */
  LettuceScriptRunner(StatefulConnection<String, String> connection, C commands,
      boolean singleServer, Runnable closeOwned) {
    this.connection = connection;
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

  /** The commands written with one flush ({@link StatefulConnection#dispatch(java.util.Collection)}). */
  @Override
  public CompletableFuture<List<Object>> pipeline(List<SessionCommand> pipelined) {
    List<AsyncCommand<String, String, ?>> sent = new ArrayList<>(pipelined.size());
    for (SessionCommand c : pipelined) {
      sent.add(command(c));
    }
    connection.dispatch(sent);
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          List<Object> replies = new ArrayList<>(sent.size());
          for (AsyncCommand<String, String, ?> c : sent) {
            replies.add(c.join());
          }
          return replies;
        });
  }

  private static AsyncCommand<String, String, ?> command(SessionCommand c) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey(c.key());
    return switch (c.type()) {
      case HGET -> async(CommandType.HGET, new ValueOutput<>(StringCodec.UTF8),
          args.add(c.args().get(0)));
      case HMGET -> {
        c.args().forEach(args::add);
        yield async(CommandType.HMGET, new ValueListOutput<>(StringCodec.UTF8), args);
      }
      case LRANGE -> async(CommandType.LRANGE, new ValueListOutput<>(StringCodec.UTF8),
          args.add(Long.parseLong(c.args().get(0))).add(Long.parseLong(c.args().get(1))));
      case SET_NX_PX -> async(CommandType.SET, new StatusOutput<>(StringCodec.UTF8),
          args.addValue(c.args().get(0)).add(CommandKeyword.NX).add("PX")
              .add(Long.parseLong(c.args().get(1))));
    };
  }

  private static <T> AsyncCommand<String, String, T> async(
      CommandType type, CommandOutput<String, String, T> output, CommandArgs<String, String> args) {
    return new AsyncCommand<>(new Command<>(type, output, args));
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
