package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.StoreException;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.store.SessionState;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Liveness, readiness that follows the store, HEAD, and the Prometheus metrics. */
class HealthAndMetricsTest {

  @Test
  void livenessAnswersOkWhateverTheStoreDoes() throws Exception {
    SwitchableStore store = new SwitchableStore();
    store.down.set(true);
    try (TestServer server = TestServer.start(Map.of(), client(store))) {
      Response r = server.get("/healthz");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    }
  }

  @Test
  void readinessFollowsTheStoreDownAndBackUpAndSaysWhichPartIsDown() throws Exception {
    SwitchableStore store = new SwitchableStore();
    try (TestServer server = TestServer.start(Map.of(), client(store))) {
      Response up = server.get("/readyz");
      store.down.set(true);
      Response down = server.get("/readyz");
      store.down.set(false);
      Response upAgain = server.get("/readyz");

      assertThat(up.status()).isEqualTo(200);
      assertThat(up.json().path("status").asText()).isEqualTo("ready");
      assertThat(up.json().path("checks").path("store").path("status").asText()).isEqualTo("up");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.error()).isEqualTo("Not ready: store down");
      assertThat(down.json().path("checks").path("store").path("status").asText())
          .isEqualTo("down");
      assertThat(down.json().path("checks").path("store").path("reason").asText())
          .isEqualTo("StoreException");
      assertThat(down.json().path("checks").path("http").path("status").asText()).isEqualTo("up");
      assertThat(down.body()).doesNotContain("hunter2");
      assertThat(upAgain.status()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/sessions", "/sessions/s1/memory", "/healthz", "/readyz",
      "/metrics"})
  void headAnswersWhereverGetDoesWithTheSameHeadersAndNoBody(String path) throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      server.post("/sessions/s1/memory", messages("Human", "hi"));
      Response get = server.get(path);

      Response head = server.send("HEAD", path, BodyPublishers.noBody());

      assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Type"))
          .isEqualTo(get.headers().firstValue("Content-Type"));
      if (!path.equals("/") && !path.equals("/metrics") && !path.equals("/readyz")) {
        // (the time, the meters and the probe's latency change between the two)
        assertThat(head.headers().firstValue("Content-Length"))
            .isEqualTo(get.headers().firstValue("Content-Length"));
      }
    }
  }

  @Test
  void metricsShowRequestsByRouteTemplateAndStatusInPrometheusTextFormat() throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      server.post("/sessions/a/memory", messages("Human", "hi"));
      server.post("/sessions/b/memory", messages("Human", "hi"));
      server.get("/sessions/a/memory");
      server.post("/sessions/a/memory", "{}");
      server.get("/nope");

      Response metrics = server.get("/metrics");

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body())
          .contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\","
              + "status=\"200\",uri=\"/sessions/{id}/memory\"} 2")
          .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\","
              + "status=\"200\",uri=\"/sessions/{id}/memory\"} 1")
          .contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\","
              + "status=\"400\",uri=\"/sessions/{id}/memory\"} 1")
          .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\","
              + "status=\"404\",uri=\"NOT_FOUND\"} 1")
          .contains("motorhead_http_connections ")
          .contains("motorhead_http_requests_rejected_total 0.0")
          .contains("jvm_memory_used_bytes")
          .doesNotContain("/sessions/a/");
    }
  }

  @Test
  void metricsShowTheLibrarysCompactionsAfterTrafficBesideTheHttpCounts() throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_MAX_WINDOW_SIZE", "4"))) {
      for (int i = 1; i <= 3; i++) {
        server.post("/sessions/s1/memory", messages("Human", "Question " + i + " about trams.",
            "AI", "Answer " + i + " about tram 28."));
      }

      String metrics = server.get("/metrics").body();

      assertThat(metrics)
          .containsPattern("motorhead_compactions_total\\{outcome=\"committed\"} [1-9]")
          .containsPattern("motorhead_compaction_messages_total [1-9]")
          .containsPattern("motorhead_summarizer_duration_seconds_count\\{outcome=\"success\"} [1-9]")
          .contains("motorhead_compaction_pending_sessions ")
          .contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\","
              + "status=\"200\",uri=\"/sessions/{id}/memory\"} 3");
    }
  }

  private static MemoryClient client(SwitchableStore store) {
    return MemoryClient.builder().store(store).compactionMode(CompactionMode.SYNC).build();
  }

  /** An in-memory store whose reads fail, as an unreachable Redis would, while it is down. */
  private static final class SwitchableStore extends ForwardingStore {
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public CompletableFuture<SessionState> read(String sessionId, int limit) {
      return down.get()
          ? CompletableFuture.failedFuture(new StoreException("redis://:hunter2@10.0.0.7 down"))
          : super.read(sessionId, limit);
    }
  }
}
