package dev.motorhead.benchmarks;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.benchmarks.LoadDriver.Result;
import dev.motorhead.benchmarks.LoadDriver.Workload;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * One chat turn against one local redis-server it starts itself: {@code add} of two messages
 * then {@code memory()} through {@link MemoryClient} on the Lettuce and the Jedis store, against
 * a baseline issuing the identical Redis commands through the raw driver (same scripts by
 * EVALSHA, same keys and arguments, the same pipelined ZADD). 1 and 32 concurrent callers.
 *
 * <pre>
 * ./mvnw -q -B -pl motorhead-benchmarks -am package -DskipTests
 * java -jar motorhead-benchmarks/target/motorhead-benchmarks.jar [warm-up s] [measure s]
 * </pre>
 *
 * <p>Each caller alternates a library turn and a baseline turn, so both see the same machine
 * (see {@link LoadDriver}). Each caller rotates to a new session every 6 turns, so a session never exceeds the window
 * of 12 and no compaction runs: the numbers are the store path, not a summarizer.
 */
public final class RedisStoreBenchmark {
  private static final int WINDOW = 12;
  private static final int[] CALLERS = {1, 32};

  private RedisStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration warmUp = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    LoadDriver driver = new LoadDriver(warmUp, measure);
    RedisServer redis = RedisServer.builder().start();
    try {
      System.out.printf(
          "redis-server on port %d, warm-up %ds, measure %ds, cores %d%n%n",
          redis.port(), warmUp.toSeconds(), measure.toSeconds(),
          Runtime.getRuntime().availableProcessors());
      System.out.println(
          "| driver | callers | library ops/s | p50 µs | p99 µs | raw ops/s | p50 µs | p99 µs |"
              + " ratio |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      lettuce(redis, driver);
      jedis(redis, driver);
    } finally {
      redis.destroy();
    }
  }

  private static void lettuce(RedisServer redis, LoadDriver driver) throws Exception {
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> raw = client.connect();
        MessageStore store = LettuceMessageStore.create(client);
        MemoryClient memory = memoryClient(store)) {
      RedisAsyncCommands<String, String> async = raw.async();
      String append = raw.sync().scriptLoad(RawTurn.APPEND);
      String read = raw.sync().scriptLoad(RawTurn.READ);
      Workload baseline =
          (caller, i) -> {
            String session = session("raw", caller, i);
            List<String> keys = RawTurn.keys(session);
            String[] k = keys.toArray(String[]::new);
            var appended =
                async.<Object>evalsha(append, ScriptOutputType.MULTI, k,
                    RawTurn.appendArgs("turn " + i, Instant.now()).toArray(String[]::new));
            var indexed = async.zadd("mh:sessions", System.currentTimeMillis(), session);
            appended.get();
            indexed.get();
            async.<Object>evalsha(read, ScriptOutputType.MULTI, k, Integer.toString(WINDOW)).get();
          };
      compare("Lettuce", driver, library(memory), baseline);
    } finally {
      client.shutdown();
    }
  }

  private static void jedis(RedisServer server, LoadDriver driver) throws Exception {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    try (UnifiedJedis jedis =
            redis.clients.jedis.RedisClient.builder()
                .hostAndPort("127.0.0.1", server.port())
                .poolConfig(pool)
                .build();
        MessageStore store = JedisMessageStore.create(jedis);
        MemoryClient memory = memoryClient(store)) {
      String append = jedis.scriptLoad(RawTurn.APPEND, "mh:{x}:messages");
      String read = jedis.scriptLoad(RawTurn.READ, "mh:{x}:messages");
      Workload baseline =
          (caller, i) -> {
            String session = session("raw", caller, i);
            List<String> keys = RawTurn.keys(session);
            Response<Object> appended;
            try (AbstractPipeline p = jedis.pipelined()) {
              appended = p.evalsha(append, keys, RawTurn.appendArgs("turn " + i, Instant.now()));
              p.zadd("mh:sessions", System.currentTimeMillis(), session);
              p.sync();
            }
            appended.get();
            jedis.evalsha(read, keys, List.of(Integer.toString(WINDOW)));
          };
      compare("Jedis", driver, library(memory), baseline);
    }
  }

  private static MemoryClient memoryClient(MessageStore store) {
    return MemoryClient.builder().store(store).windowSize(WINDOW).build();
  }

  private static Workload library(MemoryClient memory) {
    return (caller, i) -> {
      SessionMemory session = memory.session(session("lib", caller, i));
      session.add(Message.of("Human", "turn " + i + "?"), Message.of("AI", "turn " + i + "."));
      session.memory();
    };
  }

  /** A new session every 6 turns (12 messages), so no compaction ever runs. */
  private static String session(String kind, int caller, long i) {
    return kind + "-" + ProcessHandle.current().pid() + "-" + caller + "-" + i / 6;
  }

  private static void compare(String name, LoadDriver driver, Workload library, Workload raw)
      throws InterruptedException {
    for (int callers : CALLERS) {
      List<Result> results = driver.runPaired(library, raw, callers);
      Result lib = results.get(0);
      Result base = results.get(1);
      System.out.println(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f |",
              name, callers, lib.opsPerSecond(), lib.p50Micros(), lib.p99Micros(),
              base.opsPerSecond(), base.p50Micros(), base.p99Micros(),
              lib.opsPerSecond() / base.opsPerSecond()));
    }
  }
}
