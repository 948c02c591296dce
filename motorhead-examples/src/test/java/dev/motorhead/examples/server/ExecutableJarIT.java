package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment artifact, run as users run it: {@code java -jar motorhead-server.jar}. */
class ExecutableJarIT {
  private static final Path JAR = Path.of("target", "motorhead-server.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  @Test
  void anInvalidVariablePrintsOneLineNamingItAndExitsWithStatus2() throws Exception {
    Process process = start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "abc"));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(stderr.strip().lines()).containsExactly(
        "motorhead: MOTORHEAD_MAX_WINDOW_SIZE must be an integer >= 2, was \"abc\"");
  }

  @Test
  void itServesTheApiAndStopsCleanlyOnSigterm() throws Exception {
    assertThat(JAR).exists();
    Process process = start(Map.of("PORT", "0", "MOTORHEAD_HOST", "127.0.0.1"));
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
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
    try {
      String base = "http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      var posted = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/jar/memory"))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"messages\": [{\"role\": \"Human\", \"content\": \"ping\"}]}"))
          .build(), BodyHandlers.ofString());
      var memory = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/jar/memory"))
          .build(), BodyHandlers.ofString());

      assertThat(posted.body()).isEqualTo("{\"status\":\"Ok\"}");
      assertThat(memory.body()).contains("\"content\":\"ping\"");
      assertThat(String.join("\n", log))
          .contains("offline summarizer")
          .contains("store=in-memory, summarizer=offline, window=12");
    } finally {
      process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stderr
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(log).anyMatch(line -> line.endsWith("Stopped"));
  }

  private static Process start(Map<String, String> env) throws IOException {
    assertThat(Files.exists(JAR)).as("built by `package`: " + JAR.toAbsolutePath()).isTrue();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("MOTORHEAD_") || k.equals("PORT")
        || k.equals("REDIS_URL") || k.startsWith("OPENAI_") || k.startsWith("AZURE_"));
    builder.environment().putAll(env);
    return builder.start();
  }
}
