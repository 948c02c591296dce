package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void itStartsFromEnvironmentVariablesAndAnswersOnThePort() throws Exception {
    try (MotorheadServer server = MotorheadServer.start(Map.of("PORT", "0", "MOTORHEAD_HOST", "127.0.0.1"))) {
      var response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
              .build(),
          BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("{\"now\":");
      assertThat(server.backend().description())
          .isEqualTo("store=in-memory, summarizer=offline, window=12, compaction=async,"
              + " long-term memory=off");
    }
  }

  @Test
  void anInvalidVariableStopsStartupWithAMessageNamingIt() {
    assertThatThrownBy(() -> MotorheadServer.start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MOTORHEAD_MAX_WINDOW_SIZE must be an integer >= 2, was \"abc\"");
  }

  @Test
  void longTermMemoryRunsOnTheLexicalEmbedderWhenNoModelIsConfigured() {
    try (MotorheadServer server = MotorheadServer.start(Map.of("PORT", "0", "MOTORHEAD_HOST", "127.0.0.1",
        "MOTORHEAD_LONG_TERM_MEMORY", "true"))) {
      assertThat(server.backend().description())
          .endsWith("long-term memory=on (lexical embedder)");
      assertThat(server.client().longTermMemoryEnabled()).isTrue();
    }
  }
}
