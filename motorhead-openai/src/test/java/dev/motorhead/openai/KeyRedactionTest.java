package dev.motorhead.openai;

import static dev.motorhead.openai.WireFixtures.error;
import static dev.motorhead.openai.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.motorhead.Message;
import dev.motorhead.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every failure path, with a server that echoes the key back wherever it can, and checks
 * that the key appears in no exception message, cause, stack trace, toString() or log line.
 */
class KeyRedactionTest {
  private static final String KEY = "sk-proj-SECRET-7f3a9c2e1d0b";
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .readTimeout(Duration.ofMillis(200))
      .build();
  private static final List<Message> LINES = List.of(Message.of("user", "hello"));

  @StartStop
  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;

  /** A failure the server can produce, enqueued as often as the attempts need. */
  enum Failure {
    UNAUTHORIZED(false, () -> json(401, error("Incorrect API key provided: " + KEY + "."))),
    BAD_REQUEST(false, () -> json(400, error("Invalid header value " + KEY))),
    NOT_FOUND(false, () -> json(404, "Not found for key " + KEY)),
    RATE_LIMIT_EXHAUSTED(true, () -> new MockResponse.Builder(
        json(429, error("Rate limit reached for key " + KEY))).setHeader("Retry-After", "1").build()),
    SERVER_ERROR_EXHAUSTED(true, () -> json(500, error("Internal error for " + KEY))),
    MALFORMED_BODY(false, () -> json(200, "<html>proxy login for " + KEY + "</html>")),
    REFUSAL(false, () -> json(200, "{\"choices\":[{\"message\":{\"content\":null,"
        + "\"refusal\":\"not for " + KEY + "\"}}]}")),
    CONNECTION_RESET(true, () -> new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket()).build()),
    TIMEOUT(true, () -> new MockResponse.Builder(json(200, "{}"))
        .headersDelay(2, TimeUnit.SECONDS).build());

    final boolean retried;
    final Supplier<MockResponse> response;

    Failure(boolean retried, Supplier<MockResponse> response) {
      this.retried = retried;
      this.response = response;
    }
  }

  static Stream<Arguments> failuresOnEachKindOfEndpoint() {
    List<Arguments> cases = new ArrayList<>();
    for (Failure f : Failure.values()) {
      cases.add(Arguments.of(f, "bearer"));
      cases.add(Arguments.of(f, "azure"));
    }
    return cases.stream();
  }

  @BeforeEach
  void captureLog() {
    originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    System.setErr(originalErr);
  }

  @AfterAll
  static void closeClient() {
    HTTP.dispatcher().executorService().shutdown();
    HTTP.connectionPool().evictAll();
  }

  private OpenAiEndpoint endpoint(String kind) {
    return kind.equals("azure")
        ? OpenAiEndpoint.azure(server.url("/").toString(), KEY)
        : OpenAiEndpoint.compatible(server.url("/v1").toString(), KEY);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("failuresOnEachKindOfEndpoint")
  void theKeyNeverAppearsOnAnyFailurePath(Failure failure, String kind) throws Exception {
    int attempts = 3;
    for (int i = 0; i < attempts; i++) {
      server.enqueue(failure.response.get());
    }
    OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(endpoint(kind)).httpClient(HTTP).maxAttempts(attempts)
        .sleeper(time).clock(time).build();

    Throwable thrown = catchThrowable(() -> summarizer.summarize("", LINES));

    assertThat(thrown).isInstanceOf(ModelException.class);
    assertThat(((ModelException) thrown).isRetryable()).isEqualTo(failure.retried);
    RecordedRequest first = server.takeRequest();
    assertThat(kind.equals("azure") ? first.getHeaders().get("api-key")
        : first.getHeaders().get("Authorization")).contains(KEY);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      assertThat(t.toString()).doesNotContain(KEY);
    }
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(KEY);
    assertThat(summarizer.toString()).doesNotContain(KEY);
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).doesNotContain(KEY);
    if (failure.retried) {
      assertThat(logged).contains("trying again"); // the capture does see the retry lines
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("echoingFailures")
  void keyEchoedByTheServerIsReplacedNotDropped(Failure failure) {
    for (int i = 0; i < 2; i++) {
      server.enqueue(failure.response.get());
    }
    OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(endpoint("bearer")).httpClient(HTTP).maxAttempts(2)
        .sleeper(time).clock(time).build();

    assertThat(catchThrowable(() -> summarizer.summarize("", LINES)))
        .hasMessageContaining("[redacted]")
        .hasMessageNotContaining(KEY);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {200, 401, 503})
  void aKeyAcrossTheCutOfALongBodyLeavesNoPartOfItBehind(int code) {
    // the body is quoted up to 200 characters: the key starts at 190 and would be cut in two
    String body = "x".repeat(190) + KEY + " and more text after it";
    server.enqueue(json(code, body));
    OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(endpoint("bearer")).httpClient(HTTP).maxAttempts(1)
        .sleeper(time).clock(time).build();

    assertThat(catchThrowable(() -> summarizer.summarize("", LINES)))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("x".repeat(190) + "[redacted]")
        .hasMessageNotContaining(KEY.substring(0, 10));
  }

  @Test
  void redirectsAreNotFollowedSoTheKeyCannotReachAnotherHost() throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      server.enqueue(new MockResponse.Builder().code(307)
          .setHeader("Location", elsewhere.url("/collect").toString()).build());
      OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
          .endpoint(endpoint("azure")).httpClient(HTTP).sleeper(time).clock(time).build();

      assertThat(catchThrowable(() -> summarizer.summarize("", LINES)))
          .isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(307);
            assertThat(e.isRetryable()).isFalse();
          });
      assertThat(elsewhere.getRequestCount()).isZero();
      assertThat(server.takeRequest().getHeaders().get("api-key")).isEqualTo(KEY);
    }
  }

  static Stream<Failure> echoingFailures() {
    return Stream.of(Failure.UNAUTHORIZED, Failure.BAD_REQUEST, Failure.NOT_FOUND,
        Failure.RATE_LIMIT_EXHAUSTED, Failure.SERVER_ERROR_EXHAUSTED, Failure.MALFORMED_BODY,
        Failure.REFUSAL);
  }

  static Stream<Failure> echoingEmbeddingFailures() {
    return echoingFailures().filter(f -> f != Failure.REFUSAL); // a refusal is chat-only
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("echoingEmbeddingFailures")
  void theEmbedderRedactsToo(Failure failure) {
    for (int i = 0; i < 2; i++) {
      server.enqueue(failure.response.get());
    }
    OpenAiEmbedder embedder = OpenAiEmbedder.builder()
        .endpoint(endpoint("azure")).httpClient(HTTP).maxAttempts(2)
        .sleeper(time).clock(time).build();

    Throwable thrown = catchThrowable(() -> embedder.embed(List.of("a")));

    assertThat(thrown).isInstanceOf(ModelException.class).hasMessageNotContaining(KEY);
    assertThat(Stream.iterate(thrown, t -> t != null, Throwable::getCause).map(Throwable::toString))
        .noneMatch(s -> s.contains(KEY));
    assertThat(embedder.toString()).doesNotContain(KEY);
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(KEY);
  }
}
