package dev.motorhead.redis.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * One {@code redis-server} process on a free loopback port, in its own temporary directory; the
 * launcher behind the JUnit fixtures, usable from a plain {@code main} (benchmarks) too.
 *
 * <pre>{@code
 * RedisServer redis = RedisServer.builder().appendOnly(true).start();
 * ... redis.url() ...
 * redis.kill();      // like a crash
 * redis.start();     // same port, same data directory
 * redis.stop();
 * }</pre>
 */
public final class RedisServer {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path binary;
  private final Path dir;
  private final int port;
  private final List<String> options;
  private final TlsCertificates tls; // null: plain TCP
  private final Runnable external; // a server this JVM did not start (a container), or null
  private Process process;

  private RedisServer(int port, Runnable stop) {
    this.binary = null;
    this.tls = null;
    this.port = port;
    this.dir = null;
    this.options = List.of();
    this.external = stop;
  }

  private RedisServer(Path binary, Builder b) {
    this.external = null;
    this.binary = binary;
    this.tls = b.tls;
    this.port = b.port > 0 ? b.port : freePort(b.clusterEnabled);
    try {
      this.dir = Files.createTempDirectory("motorhead-redis-" + port + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> o = new ArrayList<>();
    o.add("--bind");
    o.add("127.0.0.1");
    if (tls != null) {
      o.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port)));
      o.addAll(tls.serverOptions());
    } else {
      o.addAll(List.of("--port", Integer.toString(port)));
    }
    o.addAll(List.of("--dir", dir.toString(), "--save", "", "--protected-mode", "no"));
    o.addAll(List.of("--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
    if (b.appendOnly) {
      o.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      o.addAll(List.of("--appendonly", "no"));
    }
    if (b.clusterEnabled) {
      o.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"));
      o.addAll(List.of("--cluster-node-timeout", "5000"));
    }
    this.options = List.copyOf(o);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every redis-server this JVM started and has not stopped. A test JVM that is terminated
   * (a cancelled build, a CI timeout) skips the fixtures' cleanup; this hook still kills them,
   * so no server outlives its tests.
   */
  private static final java.util.Set<Process> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "redis-server-reaper"));
  }

  /** Whether a redis-server binary exists here (PATH or embedded-redis's). */
  public static boolean available() {
    return RedisBinary.locate().isPresent();
  }

  /** Starts the process (again, after {@link #stop} or {@link #kill}) and waits for PING. */
  public synchronized RedisServer start() {
    requireOwnProcess();
    if (process != null && process.isAlive()) {
      return this;
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(options);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      RUNNING.add(process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    try {
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .ignoreExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("redis-server exited: " + log());
                }
                try (RespClient c = client()) {
                  return "PONG".equals(c.call("PING"));
                }
              });
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not start on " + port + ": " + log(), e);
    }
    return this;
  }

  /** Kills the process at once, like a crash (SIGKILL): only what reached the AOF survives. */
  public synchronized void kill() {
    requireOwnProcess();
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  /** Stops the process (SIGTERM) and waits for it to exit. */
  public synchronized void stop() {
    requireOwnProcess();
    if (process != null) {
      process.destroy();
      waitForExit();
    }
  }

  /** Kills the process and deletes its data directory. */
  public synchronized void destroy() {
    if (external != null) {
      external.run();
      return;
    }
    kill();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Redis this JVM did not start, such as a container, on a loopback port: it cannot be killed
   * or restarted; {@link #destroy()} runs {@code stop}.
   */
  static RedisServer attached(int port, Runnable stop) {
    return new RedisServer(port, stop);
  }

  /** Whether {@link #kill()} and {@link #start()} work: the process is this JVM's child. */
  public boolean canRestart() {
    return external == null;
  }

  private void requireOwnProcess() {
    if (external != null) {
      throw new UnsupportedOperationException("a Redis this JVM did not start cannot restart");
    }
  }

  public int port() {
    return port;
  }

  public boolean isTls() {
    return tls != null;
  }

  /** {@code redis://127.0.0.1:<port>} or {@code rediss://...} for a TLS server. */
  public String url() {
    return (tls != null ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  /** The certificates of a TLS server; empty for a plain one. */
  public Optional<TlsCertificates> tls() {
    return Optional.ofNullable(tls);
  }

  /** A fresh raw connection; close it. */
  public RespClient client() {
    return RespClient.connect(tls != null ? tls.socketFactory() : SocketFactory.getDefault(), port);
  }

  /** The server's log so far, for failure messages. */
  public String log() {
    try {
      Path log = dir.resolve("redis.log");
      Path out = dir.resolve("stdout.log");
      return (Files.exists(out) ? Files.readString(out) : "")
          + (Files.exists(log) ? Files.readString(log) : "");
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public String toString() {
    return "RedisServer{" + binary + ", port=" + port + ", dir=" + dir + "}";
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!process.isAlive()) {
      RUNNING.remove(process);
    }
  }

  /** A free loopback port; for a cluster node, its bus port (+10000) must be free as well. */
  private static int freePort(boolean withBusPort) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = s.getLocalPort();
        if (!withBusPort) {
          return port;
        }
        if (port + 10000 <= 65535) {
          try (ServerSocket bus =
              new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
            return port;
          } catch (IOException busTaken) {
            // try another port
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free loopback port pair found");
  }

  /** Options of a {@link RedisServer}. Not thread-safe. */
  public static final class Builder {
    private boolean appendOnly;
    private boolean clusterEnabled;
    private TlsCertificates tls;
    private int port;

    private Builder() {}

    /** AOF with {@code appendfsync always}: every acknowledged write survives a kill. */
    public Builder appendOnly(boolean appendOnly) {
      this.appendOnly = appendOnly;
      return this;
    }

    public Builder clusterEnabled(boolean clusterEnabled) {
      this.clusterEnabled = clusterEnabled;
      return this;
    }

    /** Serve TLS only, with these certificates. */
    public Builder tls(TlsCertificates tls) {
      this.tls = tls;
      return this;
    }

    /** A fixed port instead of a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Creates the server without starting it. */
    public RedisServer build() {
      Path binary =
          RedisBinary.locate()
              .orElseThrow(() -> new IllegalStateException("no redis-server binary found"));
      return new RedisServer(binary, this);
    }

    /** Creates and starts the server. */
    public RedisServer start() {
      return build().start();
    }
  }
}
