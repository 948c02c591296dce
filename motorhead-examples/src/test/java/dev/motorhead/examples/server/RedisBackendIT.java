package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server on a real Redis, with REDIS_URL pointing at the fixture's server, both drivers. */
class RedisBackendIT {
  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @BeforeEach
  void emptyRedis() {
    try (RespClient redis = REDIS.server().client()) {
      redis.call("FLUSHALL");
    }
  }

  private static TestServer server(String driver, String... more) {
    Map<String, String> env = new HashMap<>(Map.of(
        "REDIS_URL", REDIS.server().url(),
        "MOTORHEAD_REDIS_DRIVER", driver,
        "MOTORHEAD_MAX_WINDOW_SIZE", "4"));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return TestServer.start(env);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void everyEndpointWorksOnRedis(String driver) throws Exception {
    try (TestServer server = server(driver)) {
      assertThat(server.get("/sessions/user%2F42/memory").body())
          .isEqualTo("{\"messages\":[],\"context\":null,\"tokens\":0}");

      assertThat(server.post("/sessions/user%2F42/memory?namespace=acme",
          messages("Human", "ping", "AI", "pong")).body()).isEqualTo("{\"status\":\"Ok\"}");
      JsonNode memory = server.get("/sessions/user%2F42/memory").json();
      assertThat(memory.path("messages").get(0).path("role").asText()).isEqualTo("AI");
      assertThat(memory.path("messages").get(1).path("content").asText()).isEqualTo("ping");
      assertThat(server.get("/sessions?namespace=acme").json().get(0).asText())
          .isEqualTo("user/42");

      server.post("/sessions/user%2F42/memory", "{\"messages\": [], \"context\": \"Preloaded.\"}");
      assertThat(server.get("/sessions/user%2F42/memory").json().path("context").asText())
          .isEqualTo("Preloaded.");

      for (int turn = 1; turn <= 3; turn++) {
        server.post("/sessions/user%2F42/memory",
            messages("Human", "Lisbon question " + turn + ".", "AI", "Tram answer " + turn + "."));
      }
      JsonNode after = server.get("/sessions/user%2F42/memory").json();
      assertThat(after.path("messages").size()).isLessThanOrEqualTo(4);
      assertThat(after.path("messages").get(0).path("content").asText())
          .isEqualTo("Tram answer 3.");
      assertThat(after.path("context").asText()).contains("Preloaded.", "Lisbon question 1");

      assertThat(server.delete("/sessions/user%2F42/memory").status()).isEqualTo(200);
      assertThat(server.get("/sessions/user%2F42/memory").body())
          .isEqualTo("{\"messages\":[],\"context\":null,\"tokens\":0}");
      assertThat(server.get("/sessions?namespace=acme").json()).isEmpty();
      assertThat(server.post("/sessions/x/memory", "{\"messages\": [{}]}").status())
          .isEqualTo(400);
    }
  }

  /**
   * On Lettuce with background compaction every call to the store returns at once, so requests
   * are answered on Jetty's threads without workers: the same answers as on the worker path.
   */
  @Test
  void onLettuceWithBackgroundCompactionTheNonBlockingPathAnswersEveryEndpoint() throws Exception {
    try (TestServer server = server("lettuce", "MOTORHEAD_COMPACTION", "async");
        TestServer jedis = server("jedis", "MOTORHEAD_COMPACTION", "async")) {
      assertThat(server.backendIsNonBlocking()).isTrue();
      assertThat(jedis.backendIsNonBlocking()).as("Jedis blocks: workers").isFalse();

      assertThat(server.get("/sessions/nb/memory").body())
          .isEqualTo("{\"messages\":[],\"context\":null,\"tokens\":0}");
      assertThat(server.post("/sessions/nb/memory?namespace=acme",
          messages("Human", "ping", "AI", "pong")).body()).isEqualTo("{\"status\":\"Ok\"}");
      assertThat(server.post("/sessions/nb/memory",
          "{\"messages\": [], \"context\": \"Preloaded.\"}").status()).isEqualTo(200);
      JsonNode memory = server.get("/sessions/nb/memory").json();
      assertThat(memory.path("messages").get(0).path("content").asText()).isEqualTo("pong");
      assertThat(memory.path("context").asText()).isEqualTo("Preloaded.");
      assertThat(server.get("/sessions?namespace=acme").json().get(0).asText()).isEqualTo("nb");
      assertThat(server.get("/sessions?size=0").status()).isEqualTo(400);
      assertThat(server.post("/sessions/nb/memory", "{\"messages\": [{}]}").status())
          .isEqualTo(400);
      assertThat(server.send("HEAD", "/sessions/nb/memory",
          BodyPublishers.noBody()).status()).isEqualTo(200);
      assertThat(server.delete("/sessions/nb/memory").status()).isEqualTo(200);
      assertThat(server.get("/sessions/nb/memory").json().path("messages")).isEmpty();
      assertThat(jedis.get("/readyz").status()).isEqualTo(200);
      assertThat(server.get("/readyz").status()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void aLangChainClientSeesItsHistoryAfterTheServerRestarts(String driver) throws Exception {
    try (TestServer first = server(driver)) {
      first.post("/sessions/lc/memory", messages("Human", "I live in Porto.", "AI", "Nice city."));
    }
    try (TestServer second = server(driver)) {
      JsonNode memory = second.get("/sessions/lc/memory").json();
      assertThat(memory.path("messages")).hasSize(2);
      assertThat(memory.path("messages").get(1).path("content").asText())
          .isEqualTo("I live in Porto.");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void longTermMemoryKeepsItsVectorsInRedis(String driver) throws Exception {
    try (TestServer server = server(driver, "MOTORHEAD_LONG_TERM_MEMORY", "true")) {
      LongTermMemoryTest.converse(server, "s1");

      JsonNode hits = LongTermMemoryTest.retrieve(server, "s1", "peanut allergy",
          LongTermMemoryTest.PEANUTS);

      assertThat(hits.get(0).path("dist").asDouble()).isBetween(0.0, 1.0);
      try (RespClient redis = REDIS.server().client()) {
        assertThat((List<?>) redis.call("KEYS", "*recall*")).isNotEmpty();
      }
      server.delete("/sessions/s1/memory");
      assertThat(server.post("/sessions/s1/retrieval", "{\"text\": \"peanut allergy\"}").json())
          .isEmpty();
    }
  }

  @Test
  void withTheMotorheadKeyLayoutItWritesTheKeysAMotorheadServerReads() throws Exception {
    try (TestServer server = server("lettuce", "MOTORHEAD_KEY_LAYOUT", "motorhead");
        RespClient redis = REDIS.server().client()) {
      Response posted = server.post("/sessions/s1/memory?namespace=team",
          messages("Human", "ping", "AI", "pong"));

      assertThat(posted.status()).isEqualTo(200);
      assertThat(redis.call("LRANGE", "session:s1", "0", "-1"))
          .isEqualTo(List.of("AI: pong", "Human: ping"));
      assertThat(redis.call("ZRANGE", "sessions:team", "0", "-1")).isEqualTo(List.of("s1"));
    }
  }

  @Test
  void aSessionTtlReachesRedis() throws Exception {
    try (TestServer server = server("jedis", "MOTORHEAD_SESSION_TTL", "PT1H");
        RespClient redis = REDIS.server().client()) {
      server.post("/sessions/s1/memory", messages("Human", "hi"));

      List<?> keys = (List<?>) redis.call("KEYS", "*s1*");
      assertThat(keys).isNotEmpty();
      for (Object key : keys) {
        assertThat((Long) redis.call("TTL", String.valueOf(key)))
            .as("TTL of %s", key).isBetween(3_000L, 3_600L);
      }
    }
  }

  @Test
  void anUnreachableRedisStopsStartupWithAMessageNamingRedisUrl() {
    assertThatThrownBy(() -> Backend.open(ServerConfig.fromEnv(
        Map.of("REDIS_URL", "redis://user:hunter2@127.0.0.1:1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDIS_URL=redis://user:***@127.0.0.1:1: ")
        .hasMessageNotContaining("hunter2");
  }
}
