package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.redis.testing.RedisServerExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server on a three-master Redis Cluster, REDIS_URL naming one node. */
class RedisClusterBackendIT {
  @RegisterExtension
  static final RedisServerExtension CLUSTER = RedisServerExtension.cluster();

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void theEndpointsWorkOnARedisClusterWithSessionsSpreadOverItsNodes(String driver)
      throws Exception {
    try (TestServer server = TestServer.start(Map.of(
        "REDIS_URL", CLUSTER.server().url(),
        "MOTORHEAD_REDIS_CLUSTER", "true",
        "MOTORHEAD_REDIS_DRIVER", driver,
        "MOTORHEAD_MAX_WINDOW_SIZE", "4",
        "MOTORHEAD_LONG_TERM_MEMORY", "true"))) {
      for (int s = 0; s < 20; s++) {
        for (int turn = 1; turn <= 3; turn++) {
          String body =
              messages("Human", "Question " + turn + " about Lisbon.", "AI", "Answer " + turn + ".");
          assertThat(server.post("/sessions/" + driver + "-" + s + "/memory?namespace=" + driver,
              body).status()).isEqualTo(200);
        }
      }

      for (int s = 0; s < 20; s++) {
        JsonNode memory = server.get("/sessions/" + driver + "-" + s + "/memory").json();
        assertThat(memory.path("messages").get(0).path("content").asText()).isEqualTo("Answer 3.");
        assertThat(memory.path("context").asText()).contains("Question 1 about Lisbon");
      }
      String listing = "/sessions?size=100&namespace=" + driver;
      assertThat(server.get(listing).json()).hasSize(20);
      assertThat(server.delete("/sessions/" + driver + "-0/memory").status()).isEqualTo(200);
      assertThat(server.get(listing).json()).hasSize(19);
    }
  }
}
