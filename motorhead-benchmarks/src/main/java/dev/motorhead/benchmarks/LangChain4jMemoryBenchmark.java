package dev.motorhead.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.motorhead.MemoryClient;
import dev.motorhead.langchain4j.MotorheadChatMemoryProvider;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;

/**
 * One chat turn through LangChain4j's {@link ChatMemory}: {@code add} of the user's message,
 * {@code add} of the assistant's, then {@code messages()}, as {@code AiServices} does, on 1,000
 * sessions picked at random, from 1 and then 32 caller threads in a closed loop. Two memories on
 * the same local redis-server (which the benchmark starts): Motorhead's {@code
 * MotorheadChatMemory} on the Lettuce store, with background summarization (by a stand-in
 * for a remote model: see {@link #REMOTE_MODEL}), and LangChain4j's {@link MessageWindowChatMemory} on the community {@code
 * RedisChatMemoryStore} (string store type, since a plain redis-server has no JSON module; its
 * own Jedis pool of 8), both windows of 12 messages. A third row runs Motorhead on the Jedis
 * store (a pool of 64), since Jedis answers one caller sooner than Lettuce does.
 *
 * <p>Reported per memory and caller count: turns per second, p50 and p99 turn latency, and turns
 * that lost their own messages: after each turn, its user and assistant messages must both be in
 * what {@code messages()} returned, verbatim or (Motorhead) folded into the summary it returned.
 *
 * <pre>
 * ./mvnw -q -B -pl motorhead-benchmarks -am package -DskipTests
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar \
 *     dev.motorhead.benchmarks.LangChain4jMemoryBenchmark [warm-up s] [measure s]
 * </pre>
 *
 * <p>Motorhead counts each message's tokens on {@code add} (for the token budget and the
 * summarizer's chunks) with the client's default counter, {@code o200k_base}; {@code
 * -DestimateTokens=true} estimates them as characters / 4 instead, through {@code
 * tokenCountEstimator}, to show what the counting costs.
 *
 * <p>The community store needs Jedis 7 and this module's other benchmarks need Jedis 8, so the
 * store and its Jedis are loaded from {@code target/peer-lib} beside the jar (copied there by the
 * build; {@code -Dpeer.lib=DIR} to point elsewhere) in the class loader of {@link PeerLoader};
 * LangChain4j itself is shared. A table goes to the console and a CSV to {@code
 * motorhead-benchmarks/target/langchain4j-memory-benchmark.csv} ({@code -Dcsv=FILE}).
 */
public final class LangChain4jMemoryBenchmark {
  private static final int SESSIONS = 1_000;
  private static final int WINDOW = 12;
  private static final int[] CALLERS = {1, 32};
  private static final int MAX_SAMPLES = 1 << 21;
  private static final String OURS = "Motorhead, Lettuce store";
  private static final String OURS_ON_JEDIS = "Motorhead, Jedis store";
  private static final String PEER = "LangChain4j MessageWindowChatMemory + RedisChatMemoryStore";
  private static final String QUESTION =
      "What would you cook tonight with chickpeas, spinach and a little coconut milk?";
  private static final String ANSWER = ("A chickpea and spinach curry: soften an onion, garlic and "
      + "ginger in oil, add curry paste, the drained chickpeas and a can of coconut milk, simmer "
      + "ten minutes, stir in the spinach until it wilts, and finish with lime juice and salt. ")
      .repeat(2);

  /** The contents of every message the summarizer has folded into a summary. */
  private static final Set<String> FOLDED = ConcurrentHashMap.newKeySet();

  /**
   * The summarizer: a stand-in for a model behind an API, which costs this JVM no CPU (the
   * offline summarizer's extractive work would compete with the callers for the cores, which a
   * real model's does not). It answers a summary of fixed length, so prompts carry one, and notes
   * what it folded, so that a turn whose messages were summarized is not counted as lost.
   */
  private static final Summarizer REMOTE_MODEL = (previous, lines) -> {
    lines.forEach(m -> FOLDED.add(m.content()));
    return new Summary("The user asks what to cook with chickpeas, spinach and coconut milk; the "
        + "assistant suggests a chickpea and spinach curry and explains how to make it.", 0);
  };

  /** With {@code -DestimateTokens=true}: a token estimate that costs next to nothing. */
  private static final TokenCountEstimator CHARS_BY_FOUR = new TokenCountEstimator() {
    @Override
    public int estimateTokenCountInText(String text) {
      return text.length() / 4 + 1;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
      return estimateTokenCountInText(message.toString());
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
      int n = 0;
      for (ChatMessage m : messages) {
        n += estimateTokenCountInMessage(m);
      }
      return n;
    }
  };

  private LangChain4jMemoryBenchmark() {}

  /** What one memory measured at one caller count. */
  record Result(String memory, int callers, double turnsPerSecond, double p50Micros,
      double p99Micros, long turns, long lost) {}

  public static void main(String[] args) throws Exception {
    Duration warmUp = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
    Path csv = Path.of(
        System.getProperty("csv", "motorhead-benchmarks/target/langchain4j-memory-benchmark.csv"));
    RedisServer server = RedisServer.builder().start();
    RedisClient lettuce = RedisClient.create(server.url());
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    List<Result> results = new ArrayList<>();
    try (UnifiedJedis jedis = redis.clients.jedis.RedisClient.builder()
            .hostAndPort("127.0.0.1", server.port()).poolConfig(pool).build();
        MessageStore store = LettuceMessageStore.create(lettuce);
        MessageStore jedisStore = JedisMessageStore.create(jedis);
        MemoryClient client = MemoryClient.builder().store(store).summarizer(REMOTE_MODEL)
            .windowSize(WINDOW).build();
        MemoryClient jedisClient = MemoryClient.builder().store(jedisStore).summarizer(REMOTE_MODEL)
            .windowSize(WINDOW).build()) {
      System.out.printf(Locale.ROOT, "redis-server on port %d, %d sessions, window %d, warm-up %ds,"
              + " measure %ds, cores %d%n%n", server.port(), SESSIONS, WINDOW, warmUp.toSeconds(),
          measure.toSeconds(), Runtime.getRuntime().availableProcessors());
      MotorheadChatMemoryProvider.Builder lettuceMemories =
          MotorheadChatMemoryProvider.builder().memoryClient(client);
      MotorheadChatMemoryProvider.Builder jedisMemories =
          MotorheadChatMemoryProvider.builder().memoryClient(jedisClient);
      if (Boolean.getBoolean("estimateTokens")) {
        lettuceMemories.tokenCountEstimator(CHARS_BY_FOUR);
        jedisMemories.tokenCountEstimator(CHARS_BY_FOUR);
        System.out.println("tokens estimated as characters / 4 instead of counted with o200k_base");
      }
      MotorheadChatMemoryProvider provider = lettuceMemories.build();
      MotorheadChatMemoryProvider jedisProvider = jedisMemories.build();
      ChatMemory[] ours = new ChatMemory[SESSIONS];
      ChatMemory[] oursOnJedis = new ChatMemory[SESSIONS];
      ChatMemory[] theirs = new ChatMemory[SESSIONS];
      ChatMemoryStore peerStore = communityRedisStore(server.port());
      for (int i = 0; i < SESSIONS; i++) {
        ours[i] = provider.get("motorhead-" + i);
        oursOnJedis[i] = jedisProvider.get("motorhead-jedis-" + i);
        theirs[i] = MessageWindowChatMemory.builder().id("langchain4j-" + i).maxMessages(WINDOW)
            .chatMemoryStore(peerStore).build();
      }
      for (int callers : CALLERS) {
        results.add(run(OURS, ours, callers, warmUp, measure));
        results.add(run(PEER, theirs, callers, warmUp, measure));
        results.add(run(OURS_ON_JEDIS, oursOnJedis, callers, warmUp, measure));
      }
    } finally {
      lettuce.shutdown();
      server.destroy();
    }
    print(results);
    write(csv, results);
  }

  /** Runs turns from {@code callers} threads: a warm-up, then a measured period. */
  private static Result run(String name, ChatMemory[] memories, int callers, Duration warmUp,
      Duration measure) throws InterruptedException {
    AtomicBoolean recording = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    long[][] latencies = new long[callers][MAX_SAMPLES];
    int[] counts = new int[callers];
    long[] lost = new long[callers];
    Throwable[] failure = new Throwable[1];
    CountDownLatch finished = new CountDownLatch(callers);
    String memoryTag = Integer.toHexString(name.hashCode()); // no two memories share a content
    for (int c = 0; c < callers; c++) {
      int caller = c;
      Thread t = new Thread(() -> {
        SplittableRandom random = new SplittableRandom(caller * 7919L + callers);
        try {
          for (long i = 0; !stop.get(); i++) {
            ChatMemory memory = memories[random.nextInt(memories.length)];
            String tag = "[" + memoryTag + " caller " + caller + " turn " + i + "] ";
            UserMessage question = UserMessage.from(tag + QUESTION);
            AiMessage answer = AiMessage.from(tag + ANSWER);
            boolean measured = recording.get();
            long start = System.nanoTime();
            memory.add(question);
            memory.add(answer);
            List<ChatMessage> shown = memory.messages();
            long took = System.nanoTime() - start;
            if (measured && recording.get() && counts[caller] < MAX_SAMPLES) {
              latencies[caller][counts[caller]++] = took;
              if (!shown(question, shown) || !shown(answer, shown)) {
                lost[caller]++;
              }
            }
          }
        } catch (Throwable e) {
          failure[0] = e;
          stop.set(true);
        } finally {
          finished.countDown();
        }
      }, "turns-" + c);
      t.setDaemon(true);
      t.start();
    }
    sleep(warmUp, stop);
    recording.set(true);
    long began = System.nanoTime();
    sleep(measure, stop);
    recording.set(false);
    double seconds = (System.nanoTime() - began) / 1e9;
    stop.set(true);
    finished.await();
    if (failure[0] != null) {
      throw new IllegalStateException(name + " failed", failure[0]);
    }
    long turns = Arrays.stream(counts).sum();
    long[] all = new long[(int) turns];
    int at = 0;
    for (int c = 0; c < callers; c++) {
      System.arraycopy(latencies[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    return new Result(name, callers, turns / seconds, percentile(all, 0.50) / 1e3,
        percentile(all, 0.99) / 1e3, turns, Arrays.stream(lost).sum());
  }

  /** Whether the message is in what the memory returned, verbatim or folded into its summary. */
  private static boolean shown(ChatMessage m, List<ChatMessage> shown) {
    return shown.contains(m) || FOLDED.contains(m instanceof UserMessage u ? u.singleText()
        : ((AiMessage) m).text());
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  private static void sleep(Duration d, AtomicBoolean stop) throws InterruptedException {
    long until = System.nanoTime() + d.toNanos();
    while (!stop.get() && System.nanoTime() < until) {
      Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
    }
  }

  private static void print(List<Result> results) {
    System.out.println("| memory | callers | turns/s | p50 µs | p99 µs | turns | lost turns |"
        + " vs LangChain4j |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      Result peer = results.stream()
          .filter(p -> p.callers() == r.callers() && p.memory().equals(PEER))
          .findFirst().orElse(r);
      System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %d | %d | %.2fx |%n",
          r.memory(), r.callers(), r.turnsPerSecond(), r.p50Micros(), r.p99Micros(), r.turns(),
          r.lost(), r.turnsPerSecond() / peer.turnsPerSecond());
    }
  }

  private static void write(Path csv, List<Result> results) throws IOException {
    if (csv.getParent() != null) {
      Files.createDirectories(csv.getParent());
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
      out.println("memory,callers,turns_per_second,p50_micros,p99_micros,turns,lost_turns");
      for (Result r : results) {
        out.printf(Locale.ROOT, "\"%s\",%d,%.1f,%.1f,%.1f,%d,%d%n", r.memory(), r.callers(),
            r.turnsPerSecond(), r.p50Micros(), r.p99Micros(), r.turns(), r.lost());
      }
    }
    System.out.println("\nCSV: " + csv.toAbsolutePath());
  }

  /**
   * The community {@code RedisChatMemoryStore} on 127.0.0.1:{@code port}, built with its own
   * builder as a user would, loaded with its Jedis 7 by {@link PeerLoader#loader()}.
   */
  private static ChatMemoryStore communityRedisStore(int port) throws Exception {
    ClassLoader loader = PeerLoader.loader();
    String pkg = "dev.langchain4j.community.store.memory.chat.redis.";
    Object builder = loader.loadClass(pkg + "RedisChatMemoryStore").getMethod("builder")
        .invoke(null);
    Class<?> b = builder.getClass();
    b.getMethod("host", String.class).invoke(builder, "127.0.0.1");
    b.getMethod("port", Integer.class).invoke(builder, port);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object stringType = Enum.valueOf((Class) loader.loadClass(pkg + "StoreType"), "STRING");
    b.getMethod("storeType", loader.loadClass(pkg + "StoreType")).invoke(builder, stringType);
    return (ChatMemoryStore) b.getMethod("build").invoke(builder);
  }
}
