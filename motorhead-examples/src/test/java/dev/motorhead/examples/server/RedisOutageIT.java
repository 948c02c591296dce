package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redis crashes under the server and comes back, on either driver: while it is down every request
 * is answered 503 with a JSON error within the Redis timeout, logged as one line, and readiness
 * says the store is down; once it is back, requests succeed again within 5 seconds and every
 * message acknowledged before the crash is there (the fixture writes an AOF with
 * {@code appendfsync always}).
 */
class RedisOutageIT {
  private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.appendOnly();

  @BeforeEach
  void emptyRedis() {
    try (RespClient redis = REDIS.server().client()) {
      redis.call("FLUSHALL");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void whileRedisIsDownRequestsFailFastAndOnceItIsBackTheyWorkWithNothingLost(String driver)
      throws Exception {
    try (TestServer server = TestServer.start(Map.of(
        "REDIS_URL", REDIS.server().url(),
        "MOTORHEAD_REDIS_DRIVER", driver,
        "MOTORHEAD_REDIS_TIMEOUT", "PT" + REDIS_TIMEOUT.toMillis() / 1000.0 + "S",
        // the server's default: on Lettuce requests are then answered without workers
        "MOTORHEAD_COMPACTION", "async",
        "MOTORHEAD_MAX_WINDOW_SIZE", "1000"))) {
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        assertThat(server.post("/sessions/s1/memory", messages("Human", "before " + i)).status())
            .isEqualTo(200);
        acknowledged.add("before " + i);
      }
      assertThat(server.get("/readyz").status()).isEqualTo(200);

      REDIS.server().kill();
      List<Long> millis = new ArrayList<>();
      try (CapturedLog log = CapturedLog.start()) {
        for (int i = 0; i < 10; i++) {
          long started = System.nanoTime();
          Response r = i % 2 == 0
              ? server.get("/sessions/s1/memory")
              : server.post("/sessions/s1/memory", messages("Human", "during " + i));
          millis.add((System.nanoTime() - started) / 1_000_000);

          assertThat(r.status()).isEqualTo(503);
          assertThat(r.error()).isEqualTo("The memory store is unavailable; try again");
        }
        Response notReady = server.get("/readyz");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().path("checks").path("store").path("status").asText())
            .isEqualTo("down");

        assertThat(millis).as("each answered within the Redis timeout, plus slack for a busy"
            + " machine").allMatch(ms -> ms < REDIS_TIMEOUT.toMillis() + 1_000);
        List<String> lines = log.lines();
        assertThat(lines).filteredOn(line -> line.contains(" -> 503: the store failed"))
            .as("one line per failed request").hasSize(10);
        assertThat(lines).as("no stack traces").noneMatch(line -> line.startsWith("\tat "));
      }

      REDIS.server().start();
      long back = System.nanoTime();
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> server.get("/sessions/s1/memory").status() == 200);
      long recoveredMillis = (System.nanoTime() - back) / 1_000_000;

      JsonNode memory = server.get("/sessions/s1/memory").json();
      List<String> oldestFirst = new ArrayList<>();
      memory.path("messages").forEach(m -> oldestFirst.add(0, m.path("content").asText()));
      assertThat(oldestFirst.subList(0, acknowledged.size())).isEqualTo(acknowledged);
      assertThat(oldestFirst.subList(acknowledged.size(), oldestFirst.size()))
          .as("nothing but what was posted during the outage, if the driver replayed it")
          .allMatch(content -> content.startsWith("during "));
      assertThat(server.post("/sessions/s1/memory", messages("Human", "after")).status())
          .isEqualTo(200);
      assertThat(server.get("/readyz").status()).isEqualTo(200);
      System.out.printf("%s: outage answers %s ms; recovered %d ms after Redis restarted%n",
          driver, millis, recoveredMillis);
    }
  }

  /**
   * A Redis that hangs (SIGSTOP: connections stay open, nothing answers) rather than crashes is
   * what the timeout is for: each request gives up after it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void whileRedisHangsRequestsAreAnswered503AfterTheTimeoutAndWorkAgainWhenItResumes(
      String driver) throws Exception {
    try (TestServer server = TestServer.start(Map.of(
        "REDIS_URL", REDIS.server().url(),
        "MOTORHEAD_REDIS_DRIVER", driver,
        "MOTORHEAD_REDIS_TIMEOUT", "PT" + REDIS_TIMEOUT.toMillis() / 1000.0 + "S",
        "MOTORHEAD_COMPACTION", "async"))) {
      assertThat(server.post("/sessions/s1/memory", messages("Human", "before")).status())
          .isEqualTo(200);
      ProcessHandle redis = redisProcess();

      signal("STOP", redis);
      List<Long> millis = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          long started = System.nanoTime();
          Response r = server.get("/sessions/s1/memory");
          millis.add((System.nanoTime() - started) / 1_000_000);
          assertThat(r.status()).isEqualTo(503);
          assertThat(r.error()).isEqualTo("The memory store is unavailable; try again");
        }
        assertThat(server.get("/readyz").status()).isEqualTo(503);
      } finally {
        signal("CONT", redis);
      }

      assertThat(millis).as("each waited for Redis, then gave up within the Redis timeout (with"
          + " slack for a busy machine)").allMatch(ms -> ms >= REDIS_TIMEOUT.toMillis() / 2 - 100
              && ms < REDIS_TIMEOUT.toMillis() + 500);
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> server.get("/sessions/s1/memory").status() == 200);
      assertThat(server.get("/sessions/s1/memory").json().path("messages").get(0)
          .path("content").asText()).isEqualTo("before");
      System.out.printf("%s: answers while Redis hung: %s ms%n", driver, millis);
    }
  }

  /**
   * The fixture's redis-server: this JVM's child on its port. redis-server rewrites its command
   * line to {@code redis-server 127.0.0.1:<port>}, which Linux shows in /proc.
   */
  private static ProcessHandle redisProcess() {
    String port = Integer.toString(REDIS.server().port());
    return ProcessHandle.current().children()
        .filter(p -> procCommandLine(p).contains("redis-server")
            && procCommandLine(p).contains(":" + port))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no redis-server child on port " + port));
  }

  private static String procCommandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static void signal(String signal, ProcessHandle process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }
}
