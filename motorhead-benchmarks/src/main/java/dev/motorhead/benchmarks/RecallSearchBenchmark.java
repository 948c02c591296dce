package dev.motorhead.benchmarks;

import dev.motorhead.Message;
import dev.motorhead.longterm.Nearest;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.VectorEntry;
import dev.motorhead.longterm.VectorStore;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStore;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Long-term memory search latency on a local redis-server: sessions of 1,000 and 10,000
 * messages at 1,536 dimensions, through Lettuce and Jedis, against a raw read of the same
 * stored bytes as the in-run baseline, and recall@10 of the compact-code scan plus float32
 * rerank against float32 brute force.
 *
 * <pre>
 * ./mvnw -q -B -pl motorhead-benchmarks -am package -DskipTests
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar \
 *     dev.motorhead.benchmarks.RecallSearchBenchmark [redis-url]
 * </pre>
 *
 * Without a URL it starts a local {@code redis-server} with the Redis test fixtures' launcher
 * and stops it at the end; {@code -Dsizes=1000} measures one size only. Search times exclude embedding the query (that is the model's cost).
 */
public final class RecallSearchBenchmark {
  private static final int DIMS = 1536;
  private static final int K = 10;
  private static final PrintStream out = System.out;

  private RecallSearchBenchmark() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      run(args[0]);
      return;
    }
    RedisServer redis = RedisServer.builder().start();
    try {
      run(redis.url());
    } finally {
      redis.destroy();
    }
  }

  private static void run(String url) {
    RedisClient lettuceClient = RedisClient.create(url);
    redis.clients.jedis.RedisClient jedisClient = redis.clients.jedis.RedisClient.create(URI.create(url));
    String prefix = "bench" + System.nanoTime();
    try (StatefulRedisConnection<byte[], byte[]> rawLettuce =
            lettuceClient.connect(ByteArrayCodec.INSTANCE);
        LettuceMessageStore lettuce = LettuceMessageStore.builder(lettuceClient)
            .keyPrefix(prefix).build();
        JedisMessageStore jedis = JedisMessageStore.builder(jedisClient)
            .keyPrefix(prefix).build()) {
      out.printf(Locale.ROOT, "Java %s, %d cores, %s, k=%d, %d dimensions%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), url,
          K, DIMS);
      out.println("| messages | read | p50 ms | p99 ms | mean ms |");
      out.println("|---:|---|---:|---:|---:|");
      List<String> recall = new ArrayList<>();
      int[] sizes = Arrays.stream(System.getProperty("sizes", "1000,10000").split(","))
          .mapToInt(Integer::parseInt).toArray();
      for (int size : sizes) {
        String session = "bench-session-" + size;
        List<VectorEntry> entries = populate(lettuce, session, size);
        VectorStore viaLettuce = RedisVectorStore.create(lettuce);
        VectorStore viaJedis = RedisVectorStore.create(jedis);
        byte[] codesKey = (prefix + ":{" + session + "}:recall_codes")
            .getBytes(StandardCharsets.UTF_8);
        byte[] entriesKey = (prefix + ":{" + session + "}:recall")
            .getBytes(StandardCharsets.UTF_8);
        int iterations = size <= 1_000 ? 2_000 : 300;
        Random random = new Random(size);
        Supplier<float[]> query = () -> randomVector(random);

        report(size, "search, Lettuce", iterations,
            () -> viaLettuce.nearest(session, query.get(), K).join());
        report(size, "search, Jedis", iterations,
            () -> viaJedis.nearest(session, query.get(), K).join());
        report(size, "raw GET of the codes, Lettuce", iterations,
            () -> rawLettuce.sync().get(codesKey));
        report(size, "raw GET of the codes, Jedis", iterations,
            () -> jedisClient.get(codesKey));
        report(size, "raw HGETALL of the float32 entries, Lettuce", Math.max(20, iterations / 20),
            () -> rawLettuce.sync().hgetall(entriesKey));
        recall.add(recallAt10(viaJedis, session, entries, random, size));
      }
      out.println();
      recall.forEach(out::println);
      writeCsv();
    } finally {
      lettuceClient.shutdown();
      jedisClient.close();
    }
  }

  private static List<VectorEntry> populate(RedisMessageStore store, String session, int size) {
    Instant t = Instant.parse("2026-11-21T00:00:00Z");
    store.append(session, "", List.of(Message.builder().role("Human").content("hello")
        .createdAt(t).tokenCount(1).build()), t).join();
    Random random = new Random(size * 31L);
    List<VectorEntry> entries = new ArrayList<>(size);
    VectorStore vectors = RedisVectorStore.create(store);
    for (int i = 0; i < size; i++) {
      entries.add(new VectorEntry("message-" + i, i % 2 == 0 ? "Human" : "AI",
          "Message number " + i + " of a long conversation about many things.",
          t.plusSeconds(i), randomVector(random)));
      if (entries.size() % 200 == 0) {
        vectors.put(session, entries.subList(entries.size() - 200, entries.size())).join();
      }
    }
    return entries;
  }

  private static void report(int size, String what, int iterations, Runnable action) {
    for (int i = 0; i < Math.min(iterations, 300); i++) {
      action.run(); // warm-up
    }
    long[] nanos = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      action.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
    double p50 = nanos[iterations / 2] / 1e6;
    double p99 = nanos[(int) Math.ceil(iterations * 0.99) - 1] / 1e6;
    out.printf(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.2f |%n", size, what, p50, p99, mean);
    CSV.add(String.format(Locale.ROOT, "\"%s\",%d,%.3f,%.3f,%.3f", what, size, p50, p99, mean));
  }

  /** Rows for {@code -Dout} (default {@code target/benchmarks/search.csv}), for the charts. */
  private static final List<String> CSV = new ArrayList<>(List.of("read,messages,p50_ms,p99_ms,mean_ms"));

  private static void writeCsv() {
    java.nio.file.Path path =
        java.nio.file.Path.of(System.getProperty("out", "target/benchmarks/search.csv"));
    try {
      java.nio.file.Files.createDirectories(path.toAbsolutePath().getParent());
      java.nio.file.Files.write(path, CSV);
      out.println("CSV: " + path.toAbsolutePath());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String recallAt10(VectorStore store, String session, List<VectorEntry> entries,
      Random random, int size) {
    int queries = 200;
    int found = 0;
    int exact = 0;
    for (int q = 0; q < queries; q++) {
      float[] query = randomVector(random);
      double[] distance = new double[entries.size()];
      for (int i = 0; i < distance.length; i++) {
        distance[i] = Nearest.cosineDistance(query, entries.get(i).vector());
      }
      List<String> truth = java.util.stream.IntStream.range(0, entries.size()).boxed()
          .sorted(Comparator.comparingDouble(i -> distance[i]))
          .limit(K).map(i -> entries.get(i).messageId()).toList();
      List<String> got = store.nearest(session, query, K).join().stream()
          .map(SearchHit::messageId).toList();
      Set<String> hit = new HashSet<>(got);
      hit.retainAll(truth);
      found += hit.size();
      exact += got.equals(truth) ? 1 : 0;
    }
    return String.format(Locale.ROOT,
        "%,d messages: recall@10 against float32 brute force = %.4f over %d random queries; "
            + "identical ordered top 10 in %d of %d", size, found / (double) (queries * K),
        queries, exact, queries);
  }

  private static float[] randomVector(Random random) {
    float[] v = new float[DIMS];
    for (int i = 0; i < DIMS; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
