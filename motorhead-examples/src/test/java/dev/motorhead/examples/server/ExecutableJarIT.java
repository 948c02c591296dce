package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The deployment artifact, run as users run it: {@code java -jar motorhead-server.jar}. */
class ExecutableJarIT {
  private static final Path JAR = Path.of("target", "motorhead-server.jar");

  @Test
  void anInvalidVariablePrintsOneLineNamingItAndExitsWithStatus2() throws Exception {
    ServerProcess process = start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "abc"));

    assertThat(process.awaitExit()).isEqualTo(2);
    assertThat(process.log).containsExactly(
        "motorhead: MOTORHEAD_MAX_WINDOW_SIZE must be an integer >= 2, was \"abc\"");
  }

  @Test
  void itServesTheApiAndStopsCleanlyOnSigterm() throws Exception {
    assertThat(JAR).exists();
    ServerProcess child = start(Map.of("PORT", "0", "MOTORHEAD_HOST", "127.0.0.1"));
    List<String> log = child.log;
    try {
      String base = child.baseUrl();
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
      child.sigterm();
    }
    assertThat(child.awaitExit()).as("an orderly stop on SIGTERM is a success").isZero();
    assertThat(log).anyMatch(line -> line.endsWith("Stopped"));
  }

  /**
   * A request, a compaction and long-term memory indexing all in flight, each waiting on a model
   * that never answers: SIGTERM ends them all within one shutdown budget, not one budget each.
   */
  @Test
  void onSigtermRequestsCompactionsAndIndexingShareOneShutdownBudget() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> asked = new CopyOnWriteArrayList<>();
    try (MockWebServer model = new MockWebServer()) {
      model.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          asked.add(request.getUrl().encodedPath());
          release.await(); // never answers while the test runs
          return new MockResponse.Builder().code(500).build();
        }
      });
      model.start();
      ServerProcess child = start(Map.of("PORT", "0", "MOTORHEAD_HOST", "127.0.0.1",
          "OPENAI_API_BASE", model.url("/v1").toString(),
          "MOTORHEAD_MAX_WINDOW_SIZE", "2",
          "MOTORHEAD_LONG_TERM_MEMORY", "true",
          "MOTORHEAD_SHUTDOWN_TIMEOUT", "3"));
      try {
        String base = child.baseUrl();
        HttpClient http = HttpClient.newHttpClient();
        var posted = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/s/memory"))
            .POST(HttpRequest.BodyPublishers.ofString(TestServer.messages(
                "Human", "one", "AI", "two", "Human", "three")))
            .build(), BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        CompletableFuture<?> search = http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/sessions/s/retrieval"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"one\"}")).build(),
            BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asked)
            .as("a compaction, an indexing batch and a search are waiting on the model")
            .contains("/v1/chat/completions")
            .filteredOn("/v1/embeddings"::equals).hasSizeGreaterThanOrEqualTo(2));

        long stopping = System.nanoTime();
        child.sigterm();
        int status = child.awaitExit();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);

        assertThat(tookMillis)
            .as("one budget of 3 s for everything (not 3 s for each), plus the JVM's exit")
            .isBetween(3_000L, 6_000L);
        assertThat(status).isZero();
        assertThat(search).isCompletedExceptionally();
        assertThat(child.log).anyMatch(line -> line.contains("still running at the end of the"
            + " shutdown budget"));
      } finally {
        child.process.destroyForcibly();
        release.countDown();
      }
    }
  }

  private static ServerProcess start(Map<String, String> env) throws IOException {
    assertThat(Files.exists(JAR)).as("built by `package`: " + JAR.toAbsolutePath()).isTrue();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("MOTORHEAD_") || k.equals("PORT")
        || k.equals("REDIS_URL") || k.startsWith("OPENAI_") || k.startsWith("AZURE_"));
    builder.environment().putAll(env);
    return ServerProcess.start(builder);
  }
}
