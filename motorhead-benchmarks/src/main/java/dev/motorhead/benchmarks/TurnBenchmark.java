package dev.motorhead.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RespClient;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;

/**
 * The chat-turn benchmark: one turn adds a ~170-character user message and a ~600-character
 * assistant message to a session, then reads the session's memory. Every system runs against
 * one local redis-server (started here), on 1,000 sessions drawn at random, window 12, session
 * TTL 1 hour, each in its own phase, at 1 and 32 callers:
 *
 * <ul>
 *   <li><b>raw ideal (Lettuce)</b>, the baseline: what a user would write by hand for a window
 *       memory, one {@code EVALSHA} (RPUSH both, LTRIM, PEXPIRE) and one {@code LRANGE}
 *       ({@link RawIdeal}); the same on Jedis for reference;
 *   <li><b>LangChain4j</b>'s {@code MessageWindowChatMemory} on the community
 *       {@code RedisChatMemoryStore}, the peer ({@code peer.LangChain4jWindow});
 *   <li><b>ours</b>, {@code MemoryClient} with its defaults (offline summarizer, asynchronous
 *       compaction) on the Lettuce and the Jedis store, and again with a summarizer that costs
 *       nothing, so the engine's cost and the summarizer's show apart ({@link Ours}).
 * </ul>
 *
 * <p>Per phase: turns/s over the measured window, p50/p99 latency, Redis commands per turn
 * ({@code INFO commandstats}, commands run inside scripts included), client CPU per turn (the
 * JVM's process CPU time, compactions included: a phase ends when they are done), Redis CPU per
 * turn ({@code INFO cpu}), and lost turns (a read after the turn missing one of its own two
 * messages). Then the Redis memory of one session holding a full window (and, for ours, a
 * summary). A markdown table goes to stdout, CSV files to {@code -Dout} (default
 * {@code target/benchmarks}).
 *
 * <pre>
 * ./mvnw -q -B -pl motorhead-benchmarks -am package -DskipTests
 * java -jar motorhead-benchmarks/target/motorhead-benchmarks.jar
 * </pre>
 *
 * Options (system properties): {@code warmup} and {@code measure} seconds (3, 10),
 * {@code sessions} (1000), {@code callers} (1,32), {@code prefill} turns per session before a
 * system's first phase (8), {@code systems} (a comma-separated subset of the ids below), {@code out}.
 */
public final class TurnBenchmark {
  private static final int WINDOW = 12;
  private static final Duration TTL = Duration.ofHours(1);
  /**
   * The command timeout of our stores' own clients: the library's 2-second default fails fast
   * in production, but on a shared, overloaded benchmark machine one slow reply would abort the
   * run. The peer and the raw clients have no shorter timeout either.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final PrintStream out = System.out;

  private TurnBenchmark() {}

  /** One system of the run: its id, its name in the tables, and how to build it. */
  private record Entry(String id, String name, Supplier<ChatSystem> create) {}

  /** One measured phase. */
  private record Row(Entry system, int callers, LoadDriver.Phase phase, double commandsPerTurn,
      double clientCpuMicros, double redisCpuMicros) {}

  public static void main(String[] args) throws Exception {
    Duration warmUp = Duration.ofSeconds(Long.getLong("warmup", 3));
    Duration measure = Duration.ofSeconds(Long.getLong("measure", 10));
    int sessions = Integer.getInteger("sessions", 1000);
    int prefill = Integer.getInteger("prefill", 8);
    int[] callers =
        Arrays.stream(System.getProperty("callers", "1,32").split(","))
            .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    Path outDir = Path.of(System.getProperty("out", "target/benchmarks"));

    RedisServer redis = RedisServer.builder().start();
    try (RespClient admin = RespClient.connect(redis.port())) {
      String url = redis.url();
      List<Entry> all = systems(url, redis.port());
      List<Entry> chosen = chosen(all);
      Conversation conversation = new Conversation();
      LoadDriver driver = new LoadDriver(conversation, sessions);
      Conversation.Turn sample = conversation.next();
      out.printf(Locale.ROOT,
          "Java %s, %d cores, load average %.2f, %s; %d sessions, window %d, TTL %s; "
              + "user message %d chars, assistant %d; warm-up %ds, measure %ds%n%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          redisVersion(admin), sessions, WINDOW, TTL, sample.user().length(),
          sample.assistant().length(), warmUp.toSeconds(), measure.toSeconds());

      List<Row> rows = new ArrayList<>();
      Map<String, Boolean> filled = new LinkedHashMap<>();
      for (int n : callers) {
        for (Entry e : chosen) {
          try (ChatSystem system = e.create().get()) {
            if (filled.putIfAbsent(e.id(), true) == null) {
              driver.prefill(system, 32, prefill);
              system.drain();
            }
            System.gc();
            Counters[] at = new Counters[2];
            LoadDriver.Phase phase =
                driver.run(system, n, warmUp, measure,
                    () -> at[0] = Counters.take(admin),
                    () -> {
                      try {
                        system.drain();
                      } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                      }
                      at[1] = Counters.take(admin);
                    });
            double turns = phase.turns();
            Row row = new Row(e, n, phase,
                (at[1].redisCalls - at[0].redisCalls) / turns,
                (at[1].cpuNanos - at[0].cpuNanos) / 1e3 / turns,
                (at[1].redisCpuSeconds - at[0].redisCpuSeconds) * 1e6 / turns);
            rows.add(row);
            out.printf(Locale.ROOT, "  %s, %d callers: %.0f turns/s%n", e.name(), n,
                phase.turnsPerSecond());
          }
        }
      }
      out.println();
      List<String[]> memory = memoryReport(chosen, admin, conversation);
      printAndWrite(rows, memory, outDir);
    } finally {
      redis.destroy();
    }
  }

  private static List<Entry> systems(String url, int port) {
    long ttlMillis = TTL.toMillis();
    return List.of(
        new Entry("raw-lettuce", "raw ideal (Lettuce)",
            () -> RawIdeal.lettuce(url, "raw-l", WINDOW, ttlMillis)),
        new Entry("raw-jedis", "raw ideal (Jedis)",
            () -> RawIdeal.jedis(pooledJedis(port), "raw-j", WINDOW, ttlMillis)),
        new Entry("langchain4j", "LangChain4j window + Redis store",
            () -> PeerLoader.langChain4j("127.0.0.1", port, "lc4j", WINDOW, TTL.toSeconds())),
        new Entry("ours-lettuce", "ours, Lettuce store",
            () -> new Ours(LettuceMessageStore.builder(url).sessionTtl(TTL).commandTimeout(PATIENCE).build(), null,
                WINDOW, "ours-l")),
        new Entry("ours-jedis", "ours, Jedis store",
            () -> new Ours(JedisMessageStore.builder(url).sessionTtl(TTL).commandTimeout(PATIENCE).build(), null,
                WINDOW, "ours-j")),
        new Entry("free-lettuce", "ours, Lettuce, free summarizer",
            () -> new Ours(LettuceMessageStore.builder(url).sessionTtl(TTL).commandTimeout(PATIENCE).build(), Ours.FREE,
                WINDOW, "free-l")),
        new Entry("free-jedis", "ours, Jedis, free summarizer",
            () -> new Ours(JedisMessageStore.builder(url).sessionTtl(TTL).commandTimeout(PATIENCE).build(), Ours.FREE,
                WINDOW, "free-j")));
  }

  /** Raw Jedis sized for the callers, as a user who read the pool's documentation would. */
  private static redis.clients.jedis.UnifiedJedis pooledJedis(int port) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    return redis.clients.jedis.RedisClient.builder()
        .hostAndPort("127.0.0.1", port)
        .poolConfig(pool)
        .build();
  }

  private static List<Entry> chosen(List<Entry> all) {
    String wanted = System.getProperty("systems");
    if (wanted == null) {
      return all;
    }
    List<String> ids = Arrays.stream(wanted.split(",")).map(String::strip).toList();
    List<Entry> chosen = all.stream().filter(e -> ids.contains(e.id())).toList();
    if (chosen.size() != ids.size()) {
      throw new IllegalArgumentException("systems must be among "
          + all.stream().map(Entry::id).toList() + ", was " + wanted);
    }
    return chosen;
  }

  /** Process CPU, Redis CPU and Redis command calls at one moment. */
  private record Counters(long cpuNanos, double redisCpuSeconds, long redisCalls) {
    static Counters take(RespClient admin) {
      long cpu =
          ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      Map<String, String> cpuInfo = info(admin, "cpu");
      double redisCpu =
          Double.parseDouble(cpuInfo.get("used_cpu_sys"))
              + Double.parseDouble(cpuInfo.get("used_cpu_user"));
      long calls = 0;
      for (Map.Entry<String, String> e : info(admin, "commandstats").entrySet()) {
        if (!e.getKey().equals("cmdstat_info")) {
          String v = e.getValue();
          int from = v.indexOf("calls=") + 6;
          calls += Long.parseLong(v.substring(from, v.indexOf(',', from)));
        }
      }
      return new Counters(cpu, redisCpu, calls);
    }
  }

  private static Map<String, String> info(RespClient admin, String section) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : ((String) admin.call("INFO", section)).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }

  private static String redisVersion(RespClient admin) {
    return "Redis " + info(admin, "server").get("redis_version");
  }

  /** Redis memory of one session per system in its reported state. */
  private static List<String[]> memoryReport(List<Entry> chosen, RespClient admin,
      Conversation conversation) throws Exception {
    List<String[]> rows = new ArrayList<>();
    int session = 1_000_000;
    for (Entry e : chosen) {
      if (e.id().startsWith("free")) {
        continue;
      }
      try (ChatSystem system = e.create().get()) {
        system.fillForMemoryReport(session, conversation);
        List<String> keys = new ArrayList<>(system.keys(session));
        if (system instanceof Ours ours) {
          keys.addAll(scan(admin, ours.keyPattern(session)));
        }
        long bytes = 0;
        for (String key : keys) {
          Object usage = admin.call("MEMORY", "USAGE", key, "SAMPLES", "0");
          bytes += usage == null ? 0 : (Long) usage;
        }
        String shared = "";
        if (system instanceof Ours) {
          long index = (Long) admin.call("MEMORY", "USAGE", "mh:sessions", "SAMPLES", "0");
          long members = (Long) admin.call("ZCARD", "mh:sessions");
          shared = String.format(Locale.ROOT, "%.0f", (double) index / members);
        }
        rows.add(new String[] {e.name(), Integer.toString(keys.size()), Long.toString(bytes),
            shared});
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static List<String> scan(RespClient admin, String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<Object> reply =
          (List<Object>) admin.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = (String) reply.get(0);
      for (Object k : (List<Object>) reply.get(1)) {
        keys.add((String) k);
      }
    } while (!cursor.equals("0"));
    return keys;
  }

  private static void printAndWrite(List<Row> rows, List<String[]> memory, Path outDir)
      throws IOException {
    String[] header = {"system", "callers", "turns/s", "p50 µs", "p99 µs",
        "Redis commands/turn", "client CPU µs/turn", "Redis CPU µs/turn", "lost turns",
        "× raw ideal", "× LangChain4j"};
    List<String[]> table = new ArrayList<>();
    for (Row r : rows) {
      double raw = rate(rows, "raw-lettuce", r.callers());
      double peer = rate(rows, "langchain4j", r.callers());
      double rate = r.phase().turnsPerSecond();
      table.add(new String[] {
        r.system().name(), Integer.toString(r.callers()), fmt("%.0f", rate),
        fmt("%.0f", r.phase().p50Micros()), fmt("%.0f", r.phase().p99Micros()),
        fmt("%.1f", r.commandsPerTurn()), fmt("%.0f", r.clientCpuMicros()),
        fmt("%.0f", r.redisCpuMicros()),
        r.phase().lost() + " of " + r.phase().turns(),
        Double.isNaN(raw) ? "" : fmt("%.2f", rate / raw),
        Double.isNaN(peer) ? "" : fmt("%.2f", rate / peer)});
    }
    markdown(header, table);
    out.println();
    String[] memoryHeader = {"system", "keys", "bytes (MEMORY USAGE)",
        "+ bytes per session in the shared index"};
    markdown(memoryHeader, memory);

    Files.createDirectories(outDir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path turns = outDir.resolve("turns-" + stamp + ".csv");
    Path mem = outDir.resolve("memory-" + stamp + ".csv");
    List<String> csv = new ArrayList<>();
    csv.add("system_id,system,callers,turns,seconds,turns_per_s,p50_us,p99_us,"
        + "redis_commands_per_turn,client_cpu_us_per_turn,redis_cpu_us_per_turn,lost_turns,"
        + "ratio_raw_ideal,ratio_langchain4j");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      String[] t = table.get(i);
      csv.add(String.join(",", r.system().id(), '"' + r.system().name() + '"',
          Integer.toString(r.callers()), Long.toString(r.phase().turns()),
          fmt("%.3f", r.phase().seconds()), t[2], t[3], t[4], t[5], t[6], t[7],
          Long.toString(r.phase().lost()), t[9], t[10]));
    }
    Files.write(turns, csv);
    List<String> memCsv = new ArrayList<>();
    memCsv.add("system,keys,bytes,index_bytes_per_session");
    for (String[] m : memory) {
      memCsv.add('"' + m[0] + "\"," + m[1] + "," + m[2] + "," + m[3]);
    }
    Files.write(mem, memCsv);
    out.println();
    out.println("CSV: " + turns + ", " + mem);
  }

  private static double rate(List<Row> rows, String id, int callers) {
    return rows.stream()
        .filter(r -> r.system().id().equals(id) && r.callers() == callers)
        .mapToDouble(r -> r.phase().turnsPerSecond())
        .findFirst()
        .orElse(Double.NaN);
  }

  private static void markdown(String[] header, List<String[]> rows) {
    out.println("| " + String.join(" | ", header) + " |");
    out.println("|" + "---|".repeat(header.length));
    for (String[] r : rows) {
      out.println("| " + String.join(" | ", r) + " |");
    }
  }

  private static String fmt(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  static {
    // keep the libraries' INFO logs out of the table
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
  }

}
