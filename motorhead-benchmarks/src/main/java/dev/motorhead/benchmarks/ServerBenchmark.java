package dev.motorhead.benchmarks;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.examples.server.MotorheadServer;
import dev.motorhead.redis.testing.RedisServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Motorhead-compatible server under load on loopback, beside the in-process library doing the
 * same turns in the same run, on one local redis-server it starts itself (Lettuce, the server's
 * default driver, built by the server's own backend so both paths share the same store).
 *
 * <p>One turn is what a LangChain {@code MotorheadMemory} client does per chat call: {@code POST}
 * two messages, then {@code GET} the memory; in process, {@code add} of the two messages then
 * {@code memory()}. Turns go round 1,000 sessions per workload (window 12, background compaction
 * with the offline summarizer, the server's defaults). Each caller thread is one client with one
 * connection, in a closed loop, for 1 and 64 callers:
 *
 * <ul>
 *   <li>{@code library}: the baseline, {@link SessionMemory} calls on the same {@link MemoryClient}
 *       the server serves; no HTTP at all;
 *   <li>{@code keep-alive}: each caller keeps its connection for every request (HTTP/1.1
 *       persistent connections, as {@code fetch} and {@code requests.Session} do);
 *   <li>{@code fresh}: a new connection per request ({@code Connection: close});
 *   <li>{@code keep-alive + 128 stalled}: keep-alive while 128 other connections hold half a
 *       request header each the whole time;
 *   <li>{@code HTTP alone}: two {@code GET /healthz} per turn, answered without touching the
 *       store: the floor that HTTP itself (client and server) costs on this machine.
 * </ul>
 *
 * <p>The client is a minimal blocking HTTP/1.1 client on plain sockets (a request written in one
 * piece, the response read through a buffer to its {@code Content-Length}), so the client's own
 * cost stays small.
 * Server, clients and Redis share the machine's cores: the figures include the client's cost.
 *
 * <pre>
 * ./mvnw -q -B -pl motorhead-benchmarks -am package -DskipTests
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar \
 *     dev.motorhead.benchmarks.ServerBenchmark [warm-up s] [measure s] [csv path]
 * </pre>
 *
 * <p>{@code -Dworkers=N} sets {@code MOTORHEAD_WORKER_THREADS} (default 16, the server's). Prints
 * a Markdown table and writes the same rows as CSV (default {@code target/server-benchmark.csv}). The ratio column is turns/s against the library's at the
 * same number of callers.
 */
public final class ServerBenchmark {
  private static final int SESSIONS = 1_000;
  private static final int[] CALLERS = {1, 64};
  private static final int STALLED = 128;
  private static final int MAX_SAMPLES = 1 << 21;

  private ServerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration warmUp = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    Path csv = Path.of(args.length > 2 ? args[2] : "target/server-benchmark.csv");
    RedisServer redis = RedisServer.builder().start();
    Map<String, String> environment = Map.of(
        "PORT", "0",
        "MOTORHEAD_HOST", "127.0.0.1",
        "REDIS_URL", redis.url(),
        "MOTORHEAD_WORKER_THREADS", System.getProperty("workers", "16"),
        "MOTORHEAD_MAX_CONNECTIONS", "1000",
        // the stalled connections must stay stalled for the whole measurement
        "MOTORHEAD_HEADER_TIMEOUT", "PT10M",
        "MOTORHEAD_IDLE_TIMEOUT", "PT10M");
    List<String> rows = new ArrayList<>();
    try (MotorheadServer server = MotorheadServer.start(environment)) {
      int port = server.port();
      System.out.printf("redis-server on port %d, server on port %d, warm-up %ds, measure %ds,"
              + " cores %d, Java %s%n%n", redis.port(), port, warmUp.toSeconds(),
          measure.toSeconds(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.println("| workload | callers | turns/s | turn p50 ms | turn p99 ms |"
          + " request p50 ms | request p99 ms | vs library |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      rows.add("workload,callers,turns_per_s,turn_p50_ms,turn_p99_ms,request_p50_ms,"
          + "request_p99_ms,ratio_vs_library");
      for (int callers : CALLERS) {
        Result library = run(warmUp, measure, callers, caller -> new LibraryTurns(
            server.client(), "lib-" + callers + "-" + caller));
        report(rows, "library (in process)", callers, library, library);
        Result floor = run(warmUp, measure, callers, caller -> new HttpTurns(
            port, true, null));
        report(rows, "HTTP alone: 2 x GET /healthz, keep-alive", callers, floor, library);
        Result keepAlive = run(warmUp, measure, callers, caller -> new HttpTurns(
            port, true, "ka-" + callers + "-" + caller));
        report(rows, "server, keep-alive", callers, keepAlive, library);
        Result fresh = run(warmUp, measure, callers, caller -> new HttpTurns(
            port, false, "fresh-" + callers + "-" + caller));
        report(rows, "server, fresh connections", callers, fresh, library);
        List<Socket> stalled = stall(port);
        try {
          Result held = run(warmUp, measure, callers, caller -> new HttpTurns(
              port, true, "stalled-" + callers + "-" + caller));
          report(rows, "server, keep-alive + " + STALLED + " stalled", callers, held, library);
        } finally {
          for (Socket s : stalled) {
            s.close();
          }
        }
      }
    } finally {
      redis.destroy();
    }
    Files.createDirectories(csv.toAbsolutePath().getParent());
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
      rows.forEach(out::println);
    }
    System.out.println();
    System.out.println("CSV: " + csv.toAbsolutePath());
  }

  private static void report(
      List<String> rows, String name, int callers, Result result, Result library) {
    double ratio = result.turnsPerSecond() / library.turnsPerSecond();
    System.out.println(String.format(Locale.ROOT,
        "| %s | %d | %.0f | %.2f | %.2f | %s | %s | %.2f |", name, callers,
        result.turnsPerSecond(), result.turnP50(), result.turnP99(),
        result.requestP50() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", result.requestP50()),
        result.requestP99() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", result.requestP99()),
        ratio));
    rows.add(String.format(Locale.ROOT, "\"%s\",%d,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f", name, callers,
        result.turnsPerSecond(), result.turnP50(), result.turnP99(), result.requestP50(),
        result.requestP99(), ratio));
  }

  /** 128 connections that each send half a request header and then nothing. */
  private static List<Socket> stall(int port) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < STALLED; i++) {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
      s.getOutputStream().write(("GET /sessions/stalled-" + i + "/memory HTTP/1.1\r\nHost: x\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      sockets.add(s);
    }
    return sockets;
  }

  /** What one workload measured; request latencies are -1 for the library (no requests). */
  private record Result(
      double turnsPerSecond, double turnP50, double turnP99, double requestP50,
      double requestP99) {}

  /** One caller's turns. */
  private interface Turns extends AutoCloseable {
    /** Runs one turn; records each request's latency in nanoseconds into {@code requests}. */
    void turn(long i, Samples requests) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  private interface TurnsFactory {
    Turns create(int caller) throws Exception;
  }

  /**
   * Runs callers in a closed loop: warm-up, then records every turn's (and request's) latency
   * for the measurement time. Throughput is the turns completed in it, per second.
   */
  private static Result run(Duration warmUp, Duration measure, int callers, TurnsFactory factory)
      throws Exception {
    AtomicBoolean recording = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(callers);
    Samples[] turns = new Samples[callers];
    Samples[] requests = new Samples[callers];
    long[] completed = new long[callers];
    for (int c = 0; c < callers; c++) {
      int caller = c;
      turns[c] = new Samples();
      requests[c] = new Samples();
      Turns t = factory.create(caller);
      Thread thread = new Thread(() -> {
        try (t) {
          Samples ignored = new Samples();
          for (long i = 0; !stop.get(); i++) {
            boolean rec = recording.get();
            long start = System.nanoTime();
            t.turn(i, rec ? requests[caller] : ignored);
            long took = System.nanoTime() - start;
            if (rec) {
              turns[caller].add(took);
              completed[caller]++;
            }
            ignored.size = 0;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          stop.set(true);
        } finally {
          done.countDown();
        }
      }, "load-" + c);
      thread.start();
    }
    Thread.sleep(warmUp.toMillis());
    recording.set(true);
    long started = System.nanoTime();
    Thread.sleep(measure.toMillis());
    recording.set(false);
    long seconds = System.nanoTime() - started;
    stop.set(true);
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException("a caller failed", failure.get());
    }
    long total = Arrays.stream(completed).sum();
    long[] turnNanos = Samples.merge(turns);
    long[] requestNanos = Samples.merge(requests);
    return new Result(total / (seconds / 1e9), percentile(turnNanos, 0.50),
        percentile(turnNanos, 0.99),
        requestNanos.length == 0 ? -1 : percentile(requestNanos, 0.50),
        requestNanos.length == 0 ? -1 : percentile(requestNanos, 0.99));
  }

  private static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, index)] / 1e6;
  }

  /** Latencies of one caller, in nanoseconds; bounded. */
  private static final class Samples {
    long[] values = new long[1024];
    int size;

    void add(long nanos) {
      if (size == values.length) {
        if (size >= MAX_SAMPLES) {
          return;
        }
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    static long[] merge(Samples[] all) {
      int n = 0;
      for (Samples s : all) {
        n += s.size;
      }
      long[] merged = new long[n];
      int at = 0;
      for (Samples s : all) {
        System.arraycopy(s.values, 0, merged, at, s.size);
        at += s.size;
      }
      Arrays.sort(merged);
      return merged;
    }
  }

  /** The baseline: the same turn through the library, in process. */
  private static final class LibraryTurns implements Turns {
    private final MemoryClient client;
    private final String prefix;

    LibraryTurns(MemoryClient client, String prefix) {
      this.client = client;
      this.prefix = prefix;
    }

    @Override
    public void turn(long i, Samples requests) {
      SessionMemory session = client.session(prefix + "-" + i % SESSIONS);
      session.add(Message.of("Human", "Question " + i + "?"), Message.of("AI", "Answer " + i + "."));
      session.memory();
    }
  }

  /**
   * The same turn over HTTP: POST two messages, GET the memory, on one or fresh connections.
   * Without a session prefix, two {@code GET /healthz} instead: what HTTP alone costs here.
   */
  private static final class HttpTurns implements Turns {
    private final int port;
    private final boolean keepAlive;
    private final String prefix;
    private final byte[] buffer = new byte[64 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpTurns(int port, boolean keepAlive, String prefix) {
      this.port = port;
      this.keepAlive = keepAlive;
      this.prefix = prefix;
    }

    @Override
    public void turn(long i, Samples requests) throws IOException {
      if (prefix == null) {
        request("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", requests);
        request("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", requests);
        return;
      }
      String path = "/sessions/" + prefix + "-" + i % SESSIONS + "/memory";
      String body = "{\"messages\":[{\"role\":\"Human\",\"content\":\"Question " + i + "?\"},"
          + "{\"role\":\"AI\",\"content\":\"Answer " + i + ".\"}]}";
      request("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n" + connection() + "\r\n" + body,
          requests);
      request("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + connection() + "\r\n",
          requests);
    }

    private String connection() {
      return keepAlive ? "" : "Connection: close\r\n";
    }

    private void request(String text, Samples requests) throws IOException {
      long start = System.nanoTime();
      if (socket == null) {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
      }
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      int status = readResponse();
      if (status != 200) {
        throw new IllegalStateException("HTTP " + status + " for " + text.lines().findFirst());
      }
      if (!keepAlive) {
        // the server closes first (Connection: close), so TIME_WAIT stays on its side
        while (in.read(buffer) >= 0) {
          // until the server's close
        }
        socket.close();
        socket = null;
      }
      requests.add(System.nanoTime() - start);
    }

    /** Reads one response to its Content-Length; returns its status. */
    private int readResponse() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream(256);
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the server closed the connection mid-response");
        }
        head.write(b);
        matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1)
            ? matched + 1
            : 0;
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(headers.substring(9, 12));
      int length = 0;
      for (String line : headers.split("\r\n")) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      int left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("the body ended early");
        }
        left -= n;
      }
      return status;
    }

    @Override
    public void close() throws IOException {
      if (socket != null) {
        socket.close();
      }
    }
  }
}
