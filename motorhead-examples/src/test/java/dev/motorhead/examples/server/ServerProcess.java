package dev.motorhead.examples.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server running in a child process (the jar, or the container image's entrypoint): its
 * stderr collected line by line, and the port its "listening on" line names.
 */
final class ServerProcess {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  final Process process;
  final List<String> log = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final Thread reader;

  private ServerProcess(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          log.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
        port.completeExceptionally(new AssertionError("never listened: " + log));
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
    });
    reader.start();
  }

  static ServerProcess start(ProcessBuilder builder) throws IOException {
    return new ServerProcess(builder.start());
  }

  /** The port, once the server says it listens (within a minute). */
  int port() throws Exception {
    return port.get(60, TimeUnit.SECONDS);
  }

  String baseUrl() throws Exception {
    return "http://127.0.0.1:" + port();
  }

  /** Sends SIGTERM ({@code Process.destroy()} would also close our end of stderr). */
  void sigterm() {
    process.toHandle().destroy();
  }

  /** Waits for the process to exit and for its last log lines; its exit status. */
  int awaitExit() throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running a minute after it was told to stop: " + log);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }
}
