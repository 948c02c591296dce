package dev.motorhead.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.motorhead.MemoryClient;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.memory.repository.jdbc.H2ChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One Spring AI chat turn, as {@code MessageChatMemoryAdvisor} makes it, on four memories: Spring
 * AI's {@code MessageWindowChatMemory} on its in-memory repository and on its JDBC repository
 * (H2 in memory, a Hikari pool), and {@link MotorheadChatMemory} on the in-memory store and on
 * Redis (a local redis-server this run starts). Each at 1 and 32 callers over 1,000
 * conversations, in one run; prints a table and writes {@code spring-ai-memory.csv}.
 *
 * <p>A turn: {@code get} (the advisor reads the memory for the prompt), {@code add} of the user
 * message, {@code add} of the assistant message, then {@code get} again to check the turn. A turn
 * is <b>lost</b> when that last read lacks one of its two messages and they are nowhere in the
 * memory: overwritten by a concurrent read-modify-write (or, for Spring AI's, evicted by six
 * other turns on the same conversation in between). For ours a missing message is looked for in
 * the whole session and its summary: found there it waited beyond the window for a compaction
 * behind, and the turn counts as <b>late</b>, not lost. A turn that throws counts as
 * <b>failed</b> (H2 answers lock timeouts under load). Every memory keeps a window of 12
 * messages. Ours folds older ones into a summary in the background, here with a summarizer
 * that only appends the folded lines (no model), so that the check can find them.
 *
 * <pre>
 * ./mvnw -q -pl motorhead-benchmarks -am package -DskipTests
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar \
 *     dev.motorhead.benchmarks.SpringAiMemoryBenchmark [seconds-per-cell [name-filter]]
 * </pre>
 */
public final class SpringAiMemoryBenchmark {
  private static final int CONVERSATIONS = 1_000;
  private static final int WINDOW = 12;
  private static final int[] CALLERS = {1, 32};

  private SpringAiMemoryBenchmark() {}

  /**
   * One memory under test, with what it needs closed afterwards and, for ours, the store to look
   * in when a turn's messages are not in the window (they may wait there to be folded).
   */
  private record Contestant(String name, Supplier<ChatMemory> open, AutoCloseable resources,
      MessageStore store) {}

  /** The figures of one cell of the table. */
  private record Row(String memory, int callers, long turns, double seconds, long p50Nanos,
      long p99Nanos, long lost, long late, long errors) {
    double turnsPerSecond() {
      return turns / seconds;
    }

    Row named(String name) {
      return new Row(name, callers, turns, seconds, p50Nanos, p99Nanos, lost, late, errors);
    }
  }

  public static void main(String[] args) throws Exception {
    Duration cell = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    String only = args.length > 1 ? args[1] : ""; // run only the memories whose name has this
    Duration warmup = Duration.ofSeconds(Math.max(2, cell.toSeconds() / 3));
    RedisServer redis = RedisServer.builder().start();
    List<Row> rows = new ArrayList<>();
    try {
      for (int callers : CALLERS) {
        for (Contestant c : contestants(redis, "run" + callers)) {
          if (!c.name().contains(only)) {
            c.resources().close();
            continue;
          }
          try {
            ChatMemory memory = c.open().get();
            run(memory, c.store(), callers, warmup); // warm up the JIT, pool and connections
            Row row = run(memory, c.store(), callers, cell).named(c.name());
            rows.add(row);
            System.out.printf(Locale.ROOT, "%-44s %2d callers: %,9.0f turns/s%n",
                row.memory(), callers, row.turnsPerSecond());
          } finally {
            c.resources().close();
          }
        }
      }
    } finally {
      redis.destroy();
    }
    print(rows);
  }

  private static List<Contestant> contestants(RedisServer redis, String run) {
    List<Contestant> list = new ArrayList<>();
    list.add(new Contestant("Spring AI MessageWindowChatMemory, in memory",
        () -> MessageWindowChatMemory.builder()
            .chatMemoryRepository(new InMemoryChatMemoryRepository()).maxMessages(WINDOW).build(),
        () -> {}, null));

    HikariDataSource h2 = h2(run);
    list.add(new Contestant("Spring AI MessageWindowChatMemory, JDBC on H2",
        () -> MessageWindowChatMemory.builder()
            .chatMemoryRepository(JdbcChatMemoryRepository.builder()
                .jdbcTemplate(new JdbcTemplate(h2))
                .dialect(new H2ChatMemoryRepositoryDialect())
                .build())
            .maxMessages(WINDOW).build(),
        h2::close, null));

    MessageStore local = InMemoryMessageStore.builder().build();
    MemoryClient inMemory = MemoryClient.builder().windowSize(WINDOW).summarizer(APPENDING)
        .store(local).build();
    list.add(new Contestant("MotorheadChatMemory, in-memory store",
        () -> MotorheadChatMemory.create(inMemory), () -> {
          inMemory.close();
          local.close();
        }, local));

    MessageStore store = LettuceMessageStore.builder(redis.url()).keyPrefix("bench-" + run).build();
    MemoryClient onRedis = MemoryClient.builder().windowSize(WINDOW).summarizer(APPENDING)
        .store(store).build();
    list.add(new Contestant("MotorheadChatMemory, Redis (Lettuce)",
        () -> MotorheadChatMemory.create(onRedis), () -> {
          onRedis.close();
          store.close();
        }, store));
    return list;
  }

  /**
   * Appends the folded lines to the summary, keeping its last 64 lines: no model, bounded like a
   * real summary, and a turn's messages folded at once can still be told from lost ones.
   */
  private static final Summarizer APPENDING = (previous, lines) -> {
    List<String> kept = new ArrayList<>(previous.isEmpty() ? List.of()
        : Arrays.asList(previous.split("\n", -1)));
    lines.forEach(m -> kept.add(m.content()));
    List<String> last = kept.subList(Math.max(0, kept.size() - 64), kept.size());
    return new Summary("\n" + String.join("\n", last).strip(), 0);
  };

  private static HikariDataSource h2(String run) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:spring-ai-bench-" + run + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(32);
    HikariDataSource ds = new HikariDataSource(config);
    new JdbcTemplate(ds).execute(schema());
    return ds;
  }

  private static String schema() {
    String path = "/org/springframework/ai/chat/memory/repository/jdbc/schema-h2.sql";
    try (InputStream in = SpringAiMemoryBenchmark.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code callers} threads doing turns on random conversations for {@code time}. */
  private static Row run(ChatMemory memory, MessageStore store, int callers, Duration time)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    long[][] latencies = new long[callers][];
    long[] turns = new long[callers];
    long[] lost = new long[callers];
    long[] late = new long[callers];
    long[] errors = new long[callers];
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      int caller = t;
      Thread thread = new Thread(() -> {
        long[] samples = new long[1 << 16];
        int n = 0;
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
          String conversation = "c-" + random.nextInt(CONVERSATIONS);
          String id = caller + "-" + n + "-" + random.nextInt(1_000_000);
          long began = System.nanoTime();
          boolean kept;
          try {
            kept = turn(memory, conversation, id);
          } catch (RuntimeException e) { // the turn failed (a JDBC lock timeout, say): counted
            errors[caller]++;
            if (errors[caller] == 1) {
              System.err.println(memory.getClass().getSimpleName() + ": a turn failed: " + e);
            }
            continue;
          }
          long took = System.nanoTime() - began;
          if (!kept && store != null && stored(store, conversation, id)) {
            late[caller]++;
            kept = true;
          }
          if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
          }
          samples[n++] = took;
          if (!kept) {
            lost[caller]++;
          }
        }
        turns[caller] = n;
        latencies[caller] = Arrays.copyOf(samples, n);
      }, "spring-ai-bench-" + t);
      threads.add(thread);
      thread.start();
    }
    long began = System.nanoTime();
    start.countDown();
    Thread.sleep(time.toMillis());
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    long total = Arrays.stream(turns).sum();
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Row("", callers, total, seconds, percentile(all, 0.50), percentile(all, 0.99),
        Arrays.stream(lost).sum(), Arrays.stream(late).sum(), Arrays.stream(errors).sum());
  }

  /** One advisor turn and its check; whether the turn's messages were kept. */
  private static boolean turn(ChatMemory memory, String conversation, String id) {
    memory.get(conversation);
    String question = "question " + id + " about the weather";
    String answer = "answer " + id + ": sunny";
    memory.add(conversation, new UserMessage(question));
    memory.add(conversation, new AssistantMessage(answer));
    List<Message> after = memory.get(conversation);
    boolean q = false;
    boolean a = false;
    for (Message m : after) {
      String text = m.getText() == null ? "" : m.getText();
      q |= text.equals(question) || text.contains("\n" + question);
      a |= text.equals(answer) || text.contains("\n" + answer);
    }
    return q && a;
  }

  /**
   * Whether both messages of the turn are in the session, window or not, or in its summary: a
   * turn whose messages wait beyond the window for a compaction behind is late, not lost.
   */
  private static boolean stored(MessageStore store, String conversation, String id) {
    SessionState all = store.read(conversation, Integer.MAX_VALUE).join();
    String summary = all.summary() == null ? "" : all.summary();
    String question = "question " + id + " about the weather";
    String answer = "answer " + id + ": sunny";
    boolean q = summary.contains("\n" + question);
    boolean a = summary.contains("\n" + answer);
    for (dev.motorhead.Message m : all.messages()) {
      q |= m.content().equals(question);
      a |= m.content().equals(answer);
    }
    return q && a;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void print(List<Row> rows) throws IOException {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT,
        "%n| %-45s | %7s | %10s | %9s | %9s | %10s | %6s | %6s | %6s |%n",
        "memory", "callers", "turns/s", "p50 ms", "p99 ms", "turns", "lost", "late", "failed"));
    table.append("|").append("-".repeat(47)).append("|---------|------------|-----------|"
        + "-----------|------------|--------|--------|--------|\n");
    StringBuilder csv =
        new StringBuilder("memory,callers,turns_per_s,p50_ms,p99_ms,turns,lost,late,failed\n");
    for (Row r : rows) {
      table.append(String.format(Locale.ROOT,
          "| %-45s | %7d | %,10.0f | %9.3f | %9.3f | %,10d | %6d | %6d | %6d |%n", r.memory(),
          r.callers(), r.turnsPerSecond(), r.p50Nanos() / 1e6, r.p99Nanos() / 1e6, r.turns(),
          r.lost(), r.late(), r.errors()));
      csv.append(String.format(Locale.ROOT, "\"%s\",%d,%.1f,%.4f,%.4f,%d,%d,%d,%d%n",
          r.memory(), r.callers(), r.turnsPerSecond(), r.p50Nanos() / 1e6, r.p99Nanos() / 1e6,
          r.turns(), r.lost(), r.late(), r.errors()));
    }
    String[][] pairs = {
      {"MotorheadChatMemory, in-memory store", "Spring AI MessageWindowChatMemory, in memory"},
      {"MotorheadChatMemory, Redis (Lettuce)", "Spring AI MessageWindowChatMemory, JDBC on H2"},
    };
    for (int callers : CALLERS) {
      for (String[] pair : pairs) {
        Row ours = find(rows, pair[0], callers);
        Row peer = find(rows, pair[1], callers);
        if (ours != null && peer != null) {
          table.append(String.format(Locale.ROOT, "%s / %s, %d callers: %.2f%n", pair[0],
              pair[1], callers, ours.turnsPerSecond() / peer.turnsPerSecond()));
        }
      }
    }
    System.out.print(table);
    Files.writeString(Path.of("spring-ai-memory.csv"), csv);
    System.out.println("wrote spring-ai-memory.csv");
  }

  private static Row find(List<Row> rows, String memory, int callers) {
    for (Row r : rows) {
      if (r.memory().equals(memory) && r.callers() == callers) {
        return r;
      }
    }
    return null;
  }
}
