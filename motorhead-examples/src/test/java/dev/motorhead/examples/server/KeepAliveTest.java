package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.motorhead.examples.server.RawConnection.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What LangChain.js's {@code MotorheadMemory} does through {@code fetch}: many requests on one
 * kept-alive connection. (How fast each answer comes is measured in {@code ServerBenchmark}.)
 */
class KeepAliveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aHundredRequestsOnOneConnectionAreEachAnsweredWholeAndTheConnectionStaysOpen()
      throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "1000"));
        RawConnection connection = RawConnection.open(server.server().port())) {
      for (int i = 0; i < 100; i++) {
        boolean post = i % 2 == 0;
        connection.send(post
            ? RawConnection.request("POST", "/sessions/kept/memory",
                messages("Human", "message " + i))
            : RawConnection.request("GET", "/sessions/kept/memory", null));

        Response r = connection.read();

        assertThat(r.status()).as("request %d", i).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKey("connection");
        JsonNode body = JSON.readTree(r.body());
        if (post) {
          assertThat(r.body()).isEqualTo("{\"status\":\"Ok\"}");
        } else {
          assertThat(body.path("messages")).hasSize(i / 2 + 1);
          assertThat(body.path("messages").get(0).path("content").asText())
              .isEqualTo("message " + (i - 1));
        }
      }
      connection.send(RawConnection.request("GET", "/", null));
      assertThat(connection.read().status()).as("still open after 100 requests").isEqualTo(200);
    }
  }
}
