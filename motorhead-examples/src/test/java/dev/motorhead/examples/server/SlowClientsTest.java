package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.motorhead.MemoryClient;
import dev.motorhead.examples.server.RawConnection.Response;
import dev.motorhead.store.SessionState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that hold a connection without finishing their request cannot starve the others. */
class SlowClientsTest {
  private static final String HALF_HEADER = "GET /sessions/s1/memory HTTP/1.1\r\nHost: x\r\n";
  private static final String HALF_BODY = "POST /sessions/s1/memory HTTP/1.1\r\nHost: x\r\n"
      + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"messages\": [";

  @Test
  void stalledHeadersAndBodiesAreClosedAfterTheirTimeoutsWhileOtherRequestsAreAnswered()
      throws Exception {
    try (TestServer server = TestServer.start(Map.of(
        "MOTORHEAD_HEADER_TIMEOUT", "PT1S",
        "MOTORHEAD_BODY_TIMEOUT", "PT1S",
        "MOTORHEAD_IDLE_TIMEOUT", "PT60S",
        "MOTORHEAD_WORKER_THREADS", "4"))) {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(answeredWithinASecond(http, server)).isEqualTo(200); // warm up
      List<RawConnection> halfHeaders = new ArrayList<>();
      List<RawConnection> halfBodies = new ArrayList<>();
      try {
        for (int i = 0; i < 64; i++) {
          halfHeaders.add(RawConnection.open(server.server().port()));
          halfHeaders.get(i).send(HALF_HEADER);
          halfBodies.add(RawConnection.open(server.server().port()));
          halfBodies.get(i).send(HALF_BODY);
        }

        for (int i = 0; i < 20; i++) {
          assertThat(answeredWithinASecond(http, server)).isEqualTo(200);
        }

        for (RawConnection c : halfHeaders) {
          assertThat(c.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        for (RawConnection c : halfBodies) {
          Response timedOut = c.read();
          assertThat(timedOut.status()).isEqualTo(408);
          assertThat(timedOut.body()).contains("MOTORHEAD_BODY_TIMEOUT");
          assertThat(c.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(server.get("/metrics").body())
            .contains("motorhead_http_timeouts_total{phase=\"header\"} 64.0")
            .contains("motorhead_http_timeouts_total{phase=\"body\"} 64.0");
      } finally {
        halfHeaders.forEach(RawConnection::close);
        halfBodies.forEach(RawConnection::close);
      }
    }
  }

  @Test
  void aClientTricklingItsHeadersIsClosedAfterTheHeaderTimeoutThoughItNeverFallsIdle()
      throws Exception {
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (TestServer server = TestServer.start(Map.of(
        "MOTORHEAD_HEADER_TIMEOUT", "PT1S", "MOTORHEAD_IDLE_TIMEOUT", "PT60S"));
        RawConnection slow = RawConnection.open(server.server().port())) {
      slow.send("GET /sessions/s1/memory HTTP/1.1\r\n");
      String header = "X-Slow: " + "a".repeat(1_000);
      int[] next = {0};
      trickle.scheduleAtFixedRate(() -> {
        try {
          slow.send(String.valueOf(header.charAt(next[0]++ % header.length())));
        } catch (RuntimeException closed) {
          // the server closed the connection: nothing more to send
        }
      }, 0, 50, TimeUnit.MILLISECONDS);

      assertThat(slow.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(next[0]).as("bytes kept coming for about a second first").isGreaterThan(5);
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_IDLE_TIMEOUT", "PT1S"));
        RawConnection idle = RawConnection.open(server.server().port())) {
      idle.send(RawConnection.request("GET", "/", null));
      assertThat(idle.read().status()).isEqualTo(200);

      assertThat(idle.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void anAnswerThatTakesLongerThanTheIdleTimeoutIsNotCutOff() throws Exception {
    MemoryClient client = MemoryClient.builder().store(new ForwardingStore() {
      @Override
      public CompletableFuture<SessionState> read(String sessionId, int limit) {
        // a slow store, answering 2.5 s later as a slow Redis would (asynchronously): the time
        // taken, longer than the 1 s idle timeout, is what this test is about
        Executor late = CompletableFuture.delayedExecutor(2_500, TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> null, late)
            .thenCompose(ignored -> super.read(sessionId, limit));
      }
    }).build();
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_IDLE_TIMEOUT", "PT1S"), client);
        RawConnection connection = RawConnection.open(server.server().port())) {
      connection.send(RawConnection.request("GET", "/sessions/s1/memory", null));

      Response r = connection.read();

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"messages\":[],\"context\":null,\"tokens\":0}");
    }
  }

  @Test
  void pastTheConnectionLimitANewConnectionWaitsUntilAnOpenOneCloses() throws Exception {
    try (TestServer server = TestServer.start(Map.of("MOTORHEAD_MAX_CONNECTIONS", "2"))) {
      RawConnection first = RawConnection.open(server.server().port());
      RawConnection second = RawConnection.open(server.server().port());
      first.send(RawConnection.request("GET", "/", null));
      assertThat(first.read().status()).isEqualTo(200);
      second.send(RawConnection.request("GET", "/", null));
      assertThat(second.read().status()).isEqualTo(200);

      RawConnection third = RawConnection.open(server.server().port()); // waits in the backlog
      third.send(RawConnection.request("GET", "/", null));
      CompletableFuture<Response> answer = CompletableFuture.supplyAsync(third::read);
      assertThat(first.closedByServerWithin(Duration.ofMillis(300))).isFalse();
      assertThat(answer).as("not accepted while two connections are open").isNotDone();

      first.close();

      assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      second.close();
      third.close();
    }
  }

  private static int answeredWithinASecond(HttpClient http, TestServer server) throws Exception {
    return http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.server().port() + "/sessions/s2/memory"))
        .timeout(Duration.ofSeconds(1)).build(), BodyHandlers.ofString()).statusCode();
  }
}
