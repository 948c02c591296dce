package dev.motorhead.redis.jedis;

import dev.motorhead.redis.internal.IndexWrite;
import dev.motorhead.redis.internal.RedisScript;
import dev.motorhead.redis.internal.ScriptRunner;
import dev.motorhead.redis.internal.SessionCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * Sends the store's scripts through a Jedis {@link UnifiedJedis} (a pooled standalone client or
 * a cluster client, which routes by key and follows MOVED/ASK). Jedis blocks: every call runs
 * on the caller's thread and returns an already completed future.
 */
final class JedisScriptRunner implements ScriptRunner {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(JedisScriptRunner.class);

  private final UnifiedJedis jedis;
  private final boolean owned;

  /** @param owned whether {@link #close()} closes the client */
  JedisScriptRunner(UnifiedJedis jedis, boolean owned) {
    this.jedis = jedis;
    this.owned = owned;
  }

  @Override
  public CompletableFuture<Object> run(
      RedisScript script, List<String> keys, List<String> args, List<IndexWrite> alongside) {
    try {
      if (alongside.isEmpty()) {
        return CompletableFuture.completedFuture(evalsha(script, keys, args));
      }
      Response<Object> reply;
      List<Response<Long>> writes;
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        reply = pipeline.evalsha(script.sha1(), keys, args);
        writes = send(pipeline, alongside);
        pipeline.sync();
      } catch (RuntimeException e) {
        // The pipeline failed as a whole: on a cluster, a node of the index may be down. The
        // script alone decides the result (running it again is safe: a replayed append is
        // recognised), and the index write is tried on its own.
        Object result = evalsha(script, keys, args);
        writeLogged(script, alongside);
        return CompletableFuture.completedFuture(result);
      }
      Object result;
      try {
        result = reply.get();
      } catch (JedisDataException e) {
        if (!RedisScript.isNoScript(e)) {
          throw e;
        }
        result = jedis.eval(script.source(), keys, args);
      }
      for (Response<Long> w : writes) {
        try {
          w.get();
        } catch (RuntimeException e) {
          logIndexFailure(script, e);
        }
      }
      return CompletableFuture.completedFuture(result);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<List<Object>> pipeline(List<SessionCommand> commands) {
    try {
      List<Response<?>> sent = new ArrayList<>(commands.size());
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        for (SessionCommand c : commands) {
          List<String> a = c.args();
          sent.add(switch (c.type()) {
            case HGET -> pipeline.hget(c.key(), a.get(0));
            case HMGET -> pipeline.hmget(c.key(), a.toArray(String[]::new));
            case LRANGE -> pipeline.lrange(c.key(), Long.parseLong(a.get(0)),
                Long.parseLong(a.get(1)));
            case SET_NX_PX -> pipeline.set(c.key(), a.get(0),
                SetParams.setParams().nx().px(Long.parseLong(a.get(1))));
          });
        }
        pipeline.sync();
      }
      List<Object> replies = new ArrayList<>(sent.size());
      for (Response<?> r : sent) {
        replies.add(r.get());
      }
      return CompletableFuture.completedFuture(replies);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Void> write(List<IndexWrite> writes) {
    try {
      List<Response<Long>> sent;
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        sent = send(pipeline, writes);
        pipeline.sync();
      }
      sent.forEach(Response::get);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<List<Boolean>> exists(List<String> keys) {
    try {
      List<Response<Boolean>> sent = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        keys.forEach(key -> sent.add(pipeline.exists(key)));
        pipeline.sync();
      }
      return CompletableFuture.completedFuture(sent.stream().map(Response::get).toList());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<String> get(String key) {
    try {
      return CompletableFuture.completedFuture(jedis.get(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A standalone client: not a cluster client, whose keys spread over several nodes. */
  @Override
  @SuppressWarnings("deprecation") // JedisCluster: still a cluster client users may pass
  public boolean singleServer() {
    return !(jedis instanceof redis.clients.jedis.RedisClusterClient
        || jedis instanceof redis.clients.jedis.JedisCluster);
  }

  /** Sends a PING; throws the driver's exception if Redis does not answer or refuses. */
  void ping() {
    jedis.ping();
  }

  @Override
  public void close() {
    if (owned) {
      jedis.close();
    }
  }

  private void writeLogged(RedisScript script, List<IndexWrite> writes) {
    try {
      write(writes).join();
    } catch (RuntimeException e) {
      logIndexFailure(script, e);
    }
  }

  private static void logIndexFailure(RedisScript script, RuntimeException e) {
    log.warn("Redis: a session index write failed after the {} it went with succeeded; the "
        + "next write of the session repairs it: {}", script.name(), e.toString());
  }

  private Object evalsha(RedisScript script, List<String> keys, List<String> args) {
    try {
      return jedis.evalsha(script.sha1(), keys, args);
    } catch (JedisDataException e) {
      if (!RedisScript.isNoScript(e)) {
        throw e;
      }
      return jedis.eval(script.source(), keys, args);
    }
  }

  private static List<Response<Long>> send(AbstractPipeline pipeline, List<IndexWrite> writes) {
    List<Response<Long>> sent = new ArrayList<>(writes.size());
    for (IndexWrite w : writes) {
      sent.add(
          w.remove()
              ? pipeline.zrem(w.key(), w.member())
              : pipeline.zadd(w.key(), w.score(), w.member()));
    }
    return sent;
  }
}
