package dev.motorhead.openai;

import static dev.motorhead.openai.WireFixtures.chat;
import static dev.motorhead.openai.WireFixtures.embeddings;
import static dev.motorhead.openai.WireFixtures.error;
import static dev.motorhead.openai.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.Message;
import dev.motorhead.ModelException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultHandlingTest {
  private static final String KEY = "sk-test-faults-0123456789";
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .readTimeout(Duration.ofMillis(250))
      .build();
  private static final List<Message> LINES = List.of(Message.of("user", "I live in Lyon."));

  @StartStop
  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();

  @AfterAll
  static void closeClient() {
    HTTP.dispatcher().executorService().shutdown();
    HTTP.connectionPool().evictAll();
  }

  private OpenAiSummarizer.Builder summarizer() {
    return OpenAiSummarizer.builder()
        .endpoint(OpenAiEndpoint.compatible(server.url("/v1").toString(), KEY))
        .httpClient(HTTP)
        .sleeper(time)
        .clock(time)
        .jitter(() -> 0.0);
  }

  private static MockResponse status(int code, String apiMessage) {
    return json(code, error(apiMessage));
  }

  private static MockResponse rateLimited(String header, String value) {
    return new MockResponse.Builder(status(429, "Rate limit reached for gpt-4o-mini"))
        .setHeader(header, value)
        .build();
  }

  @Test
  void retriesAfterTheSecondsThatRetryAfterGives() {
    server.enqueue(rateLimited("Retry-After", "7"));
    server.enqueue(chat("The user lives in Lyon.", 60));

    assertThat(summarizer().build().summarize("", LINES).text())
        .isEqualTo("The user lives in Lyon.");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retriesAtTheHttpDateThatRetryAfterGives() {
    // FakeTime starts at Sat, 21 Nov 2026 05:00:00 GMT
    server.enqueue(rateLimited("Retry-After", "Sat, 21 Nov 2026 05:00:12 GMT"));
    server.enqueue(chat("Summary.", 60));

    summarizer().build().summarize("", LINES);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void prefersTheMillisecondsOfOpenAisRetryAfterMsHeader() {
    server.enqueue(new MockResponse.Builder(rateLimited("Retry-After", "2"))
        .setHeader("retry-after-ms", "1500").build());
    server.enqueue(chat("Summary.", 60));

    summarizer().build().summarize("", LINES);

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1_500));
  }

  @Test
  void aRateLimitWithoutRetryAfterBacksOffExponentially() {
    server.enqueue(status(429, "slow down"));
    server.enqueue(status(429, "slow down"));
    server.enqueue(chat("Summary.", 60));

    summarizer().jitter(() -> 0.999_999).build().summarize("", LINES);

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(499), Duration.ofMillis(999));
  }

  @Test
  void retriesServerErrorsWithExponentialBackoffAndJitter() {
    server.enqueue(status(500, "internal"));
    server.enqueue(status(502, "bad gateway"));
    server.enqueue(status(503, "overloaded"));
    server.enqueue(chat("Summary.", 60));

    assertThat(summarizer().build().summarize("", LINES).tokensUsed()).isEqualTo(60);
    // jitter 0 takes the low end of [b/2, b], b = 500 ms, 1 s, 2 s
    assertThat(time.sleeps()).containsExactly(
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1_000));
  }

  @Test
  void givesUpAfterMaxAttemptsWithARetryableExceptionNamingTheLastStatus() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(503, "The engine is currently overloaded"));
    }
    server.enqueue(chat("never reached", 1));

    assertThatThrownBy(() -> summarizer().build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.statusCode()).isEqualTo(503);
        })
        .hasMessageContaining("gpt-4o-mini")
        .hasMessageContaining("failed after 4 attempts")
        .hasMessageContaining("HTTP 503: The engine is currently overloaded");
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void oneAttemptMeansNoRetry() {
    server.enqueue(status(500, "internal"));

    assertThatThrownBy(() -> summarizer().maxAttempts(1).build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("failed after 1 attempt in");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void stopsRetryingWhenTheTotalRetryTimeIsSpent() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(500, "internal"));
    }

    assertThatThrownBy(() -> summarizer().maxAttempts(10).maxRetryDuration(Duration.ofSeconds(1))
        .initialBackoff(Duration.ofMillis(1_200)).build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
        .hasMessageContaining("failed after 3 attempts in 1.0 s");
    // 600 ms of backoff, then the next 1,200 ms is cut to the 400 ms left
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(600), Duration.ofMillis(400));
  }

  @Test
  void capsRetryAfterByTheRemainingRetryTime() {
    server.enqueue(rateLimited("Retry-After", "120"));
    server.enqueue(rateLimited("Retry-After", "120"));

    assertThatThrownBy(() -> summarizer().maxRetryDuration(Duration.ofSeconds(10)).build()
        .summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.isRetryable()).isTrue();
        })
        .hasMessageContaining("Rate limit reached");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void clientErrorsFailAtOnceWithModelStatusAndTheApisMessage(int code) {
    server.enqueue(status(code, "The model `gpt-4o-mini` does not exist or you lack access"));

    assertThatThrownBy(() -> summarizer().build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.statusCode()).isEqualTo(code);
        })
        .hasMessageContaining("model gpt-4o-mini")
        .hasMessageContaining("HTTP " + code)
        .hasMessageContaining("does not exist or you lack access");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void anErrorBodyThatIsNotOpenAisShapeIsQuoted() {
    server.enqueue(json(404, "<html><body>404 page not found</body></html>"));

    assertThatThrownBy(() -> summarizer().build().summarize("", LINES))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("HTTP 404: <html><body>404 page not found</body></html>");
  }

  @Test
  void ollamaStyleStringErrorsAreReadToo() {
    server.enqueue(json(404, "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"));

    assertThatThrownBy(() -> summarizer().model("llama9").build().summarize("", LINES))
        .hasMessageContaining("HTTP 404: model \"llama9\" not found, try pulling it first");
  }

  @Test
  void aMalformedBodyIsAClearError() {
    server.enqueue(json(200, "{\"choices\": [ this is not json"));

    assertThatThrownBy(() -> summarizer().build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.statusCode()).isEqualTo(200);
        })
        .hasMessageContaining("answered HTTP 200 with a body that is not a JSON object: "
            + "{\"choices\": [ this is not json");
  }

  @Test
  void anEmptyBodyIsAClearError() {
    server.enqueue(json(200, ""));

    assertThatThrownBy(() -> summarizer().build().summarize("", LINES))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("answered HTTP 200 with an empty body");
  }

  @Test
  void retriesAConnectionReset() {
    server.enqueue(new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(chat("Summary.", 60));

    assertThat(summarizer().build().summarize("", LINES).text()).isEqualTo("Summary.");
    assertThat(time.sleeps()).hasSize(1);
  }

  @Test
  void retriesATimeout() {
    server.enqueue(new MockResponse.Builder(chat("too late", 1))
        .headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(chat("Summary.", 60));

    assertThat(summarizer().build().summarize("", LINES).text()).isEqualTo("Summary.");
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void connectionFailuresThatNeverEndGiveARetryableExceptionWithTheCause() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder()
          .onRequestStart(new SocketEffect.CloseSocket()).build());
    }

    assertThatThrownBy(() -> summarizer().maxAttempts(2).build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.statusCode()).isZero();
          assertThat(e.getCause()).isInstanceOf(IOException.class);
        })
        .hasMessageContaining("failed after 2 attempts")
        .hasMessageContaining("connection failure");
  }

  @Test
  void timeoutsThatNeverEndAreReportedAsTimeouts() {
    server.enqueue(new MockResponse.Builder(chat("too late", 1))
        .headersDelay(2, TimeUnit.SECONDS).build());

    assertThatThrownBy(() -> summarizer().maxAttempts(1).build().summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class,
            e -> assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class))
        .hasMessageContaining("last failure: timeout");
  }

  @Test
  void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
    server.enqueue(status(503, "overloaded"));
    OpenAiSummarizer summarizer = summarizer().sleeper(delay -> {
      throw new InterruptedException("stop");
    }).build();

    try {
      assertThatThrownBy(() -> summarizer.summarize("", LINES))
          .isInstanceOf(ModelException.class)
          .hasMessageContaining("interrupted while waiting to try again");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theEmbedderRetriesToo() {
    server.enqueue(status(500, "internal"));
    server.enqueue(embeddings(new float[][] {{1f, 2f}}, 0));

    List<float[]> vectors = OpenAiEmbedder.builder()
        .endpoint(OpenAiEndpoint.compatible(server.url("/v1").toString(), KEY))
        .httpClient(HTTP).sleeper(time).clock(time).jitter(() -> 0.0)
        .model("tiny").dimensions(2).build()
        .embed(List.of("a"));

    assertThat(vectors.get(0)).containsExactly(1f, 2f);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250));
  }
}
