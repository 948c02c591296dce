package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.LongTermMemory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint over real HTTP, answering what Motorhead answers. */
class MemoryEndpointsTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "4"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void healthCheckAnswersTheTimeInEpochMillis() {
    long before = System.currentTimeMillis();
    Response r = server.get("/");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.json().path("now").isIntegralNumber()).isTrue();
    assertThat(r.json().path("now").asLong()).isBetween(before, System.currentTimeMillis());
  }

  @Test
  void postAnswersOkAndGetAnswersTheMessagesNewestFirstWithRolesAsPosted() {
    Response posted = server.post("/sessions/s1/memory", """
        {"messages": [{"role": "Human", "content": "ping"}, {"role": "AI", "content": "pong"}]}""");
    server.post("/sessions/s1/memory", """
        {"messages": [{"role": "user", "content": "a"}, {"role": "tool", "content": ""}]}""");

    assertThat(posted.status()).isEqualTo(200);
    assertThat(posted.body()).isEqualTo("{\"status\":\"Ok\"}");
    Response memory = server.get("/sessions/s1/memory");
    assertThat(memory.status()).isEqualTo(200);
    assertThat(memory.body()).isEqualTo("{\"messages\":["
        + "{\"role\":\"tool\",\"content\":\"\"},{\"role\":\"user\",\"content\":\"a\"},"
        + "{\"role\":\"AI\",\"content\":\"pong\"},{\"role\":\"Human\",\"content\":\"ping\"}],"
        + "\"context\":null,\"tokens\":0}");
  }

  @Test
  void anUnknownSessionHasNoMessagesAndANullContext() {
    Response r = server.get("/sessions/never-written/memory");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"messages\":[],\"context\":null,\"tokens\":0}");
  }

  @Test
  void overflowKeepsAtMostTheWindowAndFoldsTheRestIntoTheContext() {
    for (int i = 1; i <= 3; i++) {
      server.post("/sessions/s1/memory", "{\"messages\": ["
          + "{\"role\": \"Human\", \"content\": \"Question " + i + " is about Lisbon trams.\"},"
          + "{\"role\": \"AI\", \"content\": \"Answer " + i + " mentions tram 28.\"}]}");
    }

    JsonNode memory = server.get("/sessions/s1/memory").json();

    assertThat(memory.path("messages").size()).isLessThanOrEqualTo(4);
    assertThat(memory.path("messages").get(0).path("content").asText())
        .isEqualTo("Answer 3 mentions tram 28.");
    assertThat(memory.path("context").asText()).contains("Question 1 is about Lisbon trams");
    assertThat(memory.path("tokens").isIntegralNumber()).isTrue();
  }

  @Test
  void aWindowTokenBudgetFoldsTheOldestMessagesBeforeTheWindowIsFull() throws Exception {
    try (TestServer budget = TestServer.start(Map.of(
        "MOTORHEAD_MAX_WINDOW_SIZE", "100", "MOTORHEAD_MAX_WINDOW_TOKENS", "40"))) {
      for (int i = 1; i <= 4; i++) {
        budget.post("/sessions/s1/memory", messages("Human",
            "Message " + i + " talks at some length about the trams of Lisbon and Porto."));
      }

      JsonNode memory = budget.get("/sessions/s1/memory").json();

      assertThat(memory.path("messages").size()).isLessThan(4);
      assertThat(memory.path("context").asText()).contains("Message 1");
    }
  }

  @Test
  void aPostedContextPreloadsTheSummary() {
    Response r = server.post("/sessions/s1/memory", """
        {"messages": [{"role": "Human", "content": "hi"}], "context": "Ada likes trains."}""");

    assertThat(r.status()).isEqualTo(200);
    JsonNode memory = server.get("/sessions/s1/memory").json();
    assertThat(memory.path("context").asText()).isEqualTo("Ada likes trains.");
    assertThat(memory.path("messages").size()).isEqualTo(1);
  }

  @Test
  void aPostedContextReplacesTheSummaryAndANullContextLeavesIt() {
    server.post("/sessions/s1/memory", "{\"messages\": [], \"context\": \"first\"}");
    server.post("/sessions/s1/memory", "{\"messages\": [], \"context\": \"second\"}");
    server.post("/sessions/s1/memory",
        "{\"messages\": [{\"role\": \"AI\", \"content\": \"x\"}], \"context\": null}");

    assertThat(server.get("/sessions/s1/memory").json().path("context").asText())
        .isEqualTo("second");
  }

  @Test
  void aPostWithNoMessagesAndNoContextAnswersOkAndWritesNothing() {
    Response r = server.post("/sessions/s1/memory", "{\"messages\": []}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(server.get("/sessions").json()).isEmpty();
  }

  @Test
  void deleteRemovesEverythingOfTheSessionAndAnswersOk() {
    server.post("/sessions/s1/memory", """
        {"messages": [{"role": "Human", "content": "hi"}], "context": "old"}""");
    server.post("/sessions/s2/memory", messages("Human", "x"));

    Response r = server.delete("/sessions/s1/memory");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"Ok\"}");
    assertThat(server.get("/sessions/s1/memory").body())
        .isEqualTo("{\"messages\":[],\"context\":null,\"tokens\":0}");
    assertThat(server.get("/sessions").json()).extracting(JsonNode::asText).containsExactly("s2");
    assertThat(server.delete("/sessions/never-written/memory").status()).isEqualTo(200);
  }

  @Test
  void sessionsAreListedLeastRecentlyWrittenFirstPerNamespaceAndPaged() throws Exception {
    MemoryClient client = MemoryClient.builder().clock(new TickingClock())
        .compactionMode(CompactionMode.SYNC).build();
    try (TestServer ticking = TestServer.start(Map.of(), client)) {
      for (String id : List.of("a", "b", "c")) {
        ticking.post("/sessions/" + id + "/memory",
            messages("Human", "x"));
      }
      ticking.post("/sessions/n1/memory?namespace=team%20blue",
          messages("Human", "x"));
      ticking.post("/sessions/a/memory",
          messages("AI", "y"));

      assertThat(ids(ticking.get("/sessions"))).containsExactly("b", "c", "a");
      assertThat(ids(ticking.get("/sessions?page=1&size=2"))).containsExactly("b", "c");
      assertThat(ids(ticking.get("/sessions?page=2&size=2"))).containsExactly("a");
      assertThat(ids(ticking.get("/sessions?page=3&size=2"))).isEmpty();
      assertThat(ids(ticking.get("/sessions?namespace=team+blue"))).containsExactly("n1");
      assertThat(ids(ticking.get("/sessions?namespace=nobody"))).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"user/42", "{tenant}:thread*7", "with space", "plus+sign", "ünïcødé-🙂",
      "100%", "?&=#", "a\\b", "..."})
  void sessionIdsMayHoldAnyCharacter(String id) {
    String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");

    Response posted = server.post("/sessions/" + encoded + "/memory",
        messages("Human", "mine"));

    assertThat(posted.status()).isEqualTo(200);
    assertThat(server.get("/sessions/" + encoded + "/memory").json()
        .path("messages").get(0).path("content").asText()).isEqualTo("mine");
    assertThat(ids(server.get("/sessions"))).containsExactly(id);
    assertThat(server.client().session(id).memory().messages()).hasSize(1);
  }

  @Test
  void aPlusInThePathIsAPlusAndNotASpace() {
    server.post("/sessions/a+b/memory", messages("Human", "x"));

    assertThat(ids(server.get("/sessions"))).containsExactly("a+b");
    assertThat(server.get("/sessions/a%20b/memory").json().path("messages")).isEmpty();
  }

  @Test
  void sessionsThatDifferOnlyByEncodedSlashesStayApart() {
    server.post("/sessions/a%2Fb/memory", messages("Human", "1"));
    server.post("/sessions/a%252Fb/memory",
        messages("Human", "2"));

    assertThat(ids(server.get("/sessions"))).containsExactly("a/b", "a%2Fb");
    assertThat(server.get("/sessions/a%2Fb/memory").json().path("messages")).hasSize(1);
  }

  @Test
  void retrievalAnswers400WhenLongTermMemoryIsDisabled() {
    Response r = server.post("/sessions/s1/retrieval", "{\"text\": \"trams\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"error\":\"Long term memory is disabled\"}");
  }

  @Test
  void retrievalAnswersRoleContentAndDistNearestFirst() throws Exception {
    List<String> asked = new ArrayList<>();
    LongTermMemory longTermMemory = new LongTermMemory() {
      @Override
      public boolean isEnabled() {
        return true;
      }

      @Override
      public void index(String sessionId, List<Message> messages) {}

      @Override
      public List<SearchHit> search(String sessionId, String query, int k) {
        asked.add(sessionId + "|" + query + "|" + k);
        return List.of(new SearchHit("m1", "Human", "tram 28", Instant.EPOCH, 0.125),
            new SearchHit("m2", "AI", "Lisbon", Instant.EPOCH, 0.5));
      }

      @Override
      public void delete(String sessionId) {}
    };
    MemoryClient client = MemoryClient.builder().longTermMemory(longTermMemory)
        .compactionMode(CompactionMode.SYNC).build();
    try (TestServer withMemory = TestServer.start(Map.of(), client)) {
      Response r = withMemory.post("/sessions/s%2F1/retrieval", "{\"text\": \"trams\"}");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("[{\"role\":\"Human\",\"content\":\"tram 28\",\"dist\":0.125},"
          + "{\"role\":\"AI\",\"content\":\"Lisbon\",\"dist\":0.5}]");
      assertThat(asked).containsExactly("s/1|trams|10");
    }
  }

  /** A clock that moves one millisecond on every reading, so no two writes tie. */
  private static final class TickingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static List<String> ids(Response r) {
    assertThat(r.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().forEach(n -> ids.add(n.asText()));
    return ids;
  }
}
