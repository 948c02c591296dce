package dev.motorhead.openai;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.ModelException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to an {@link OpenAiEndpoint} and returns the JSON answer, trying again on rate
 * limits, server errors, timeouts and broken connections as its {@link RetryPolicy} allows, and
 * turning every failure into a {@link ModelException} whose message names the operation, the
 * model, the HTTP status and the API's own explanation, and never the key.
 */
final class OpenAiTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenAiTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OpenAiEndpoint endpoint;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;

  private OpenAiTransport(OpenAiEndpoint endpoint, Settings s) {
    this.endpoint = endpoint;
    this.ownsClient = s.httpClient == null;
    // A redirect could carry Azure's api-key header to another host (OkHttp drops only
    // Authorization when it follows one), so redirects are not followed. newBuilder() shares
    // the caller's connection pool and dispatcher: nothing new to close.
    this.client = (ownsClient ? defaultClient() : s.httpClient).newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
    this.retry = new RetryPolicy(
        s.maxAttempts, s.maxRetryDuration, s.initialBackoff, RetryPolicy.DEFAULT_MAX_BACKOFF);
    this.sleeper = s.sleeper;
    this.clock = s.clock;
    this.jitter = s.jitter;
  }

  /** The client made when the caller gives none; closed by {@link #close()}. */
  static OkHttpClient defaultClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .writeTimeout(Duration.ofSeconds(30))
        .readTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ofSeconds(90))
        .build();
  }

  OpenAiEndpoint endpoint() {
    return endpoint;
  }

  OkHttpClient client() {
    return client;
  }

  /**
   * Posts the body and returns the JSON object of a 2xx answer.
   *
   * @param what the operation and model, for messages, e.g. {@code "chat completion with model
   *     gpt-4o-mini"}
   * @throws ModelException when the call is refused, keeps failing, or the answer is not a JSON
   *     object
   */
  JsonNode post(HttpUrl url, JsonNode body, String what) {
    String operation = operation(what);
    Request request = endpoint.authorize(new Request.Builder().url(url))
        .post(RequestBody.create(WireFormat.write(body), JSON))
        .build();
    long start = clock.millis();
    for (int attempt = 1; ; attempt++) {
      int status = 0;
      String failure;
      IOException cause = null;
      Duration serverDelay = null;
      try (Response response = client.newCall(request).execute()) {
        status = response.code();
        String text = response.body().string();
        if (response.isSuccessful()) {
          return parse(text, operation, status);
        }
        failure = "HTTP " + status + ": " + WireFormat.errorMessage(endpoint.redact(text));
        if (!RetryPolicy.isRetryableStatus(status)) {
          throw new ModelException(operation + " failed with " + failure, status, false);
        }
        serverDelay = RetryAfter.parse(
            response.header("retry-after-ms"), response.header("Retry-After"), clock.instant());
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new ModelException(operation + " was interrupted", status, true, e);
        }
        cause = e;
        failure = describe(e);
      }

      Duration remaining = retry.maxDuration().minusMillis(clock.millis() - start);
      if (attempt >= retry.maxAttempts() || remaining.isNegative() || remaining.isZero()) {
        String seconds = String.format(Locale.ROOT, "%.1f", (clock.millis() - start) / 1000.0);
        throw new ModelException(operation + " failed after " + attempt + " attempt"
            + (attempt == 1 ? "" : "s") + " in " + seconds + " s; last failure: " + failure,
            status, true, cause);
      }
      Duration delay = serverDelay != null ? serverDelay
          : retry.backoff(attempt, jitter.getAsDouble());
      if (delay.compareTo(remaining) > 0) {
        delay = remaining;
      }
      log.debug("{} failed ({}), attempt {} of {}; trying again in {} ms",
          operation, failure, attempt, retry.maxAttempts(), delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelException(operation + " was interrupted while waiting to try again "
            + "after " + failure, status, true, e);
      }
    }
  }

  /**
   * The failure for a 2xx answer that lacks what the caller needs, e.g. {@code badAnswer("chat
   * completion with model x", "without choices[0].message.content")}.
   */
  ModelException badAnswer(String what, String problem) {
    return new ModelException(
        operation(what) + " answered " + endpoint.redact(problem), 200, false);
  }

  private String operation(String what) {
    return endpoint.label() + " " + what;
  }

  private JsonNode parse(String text, String operation, int status) {
    JsonNode json = WireFormat.readObject(text);
    if (json == null) {
      throw new ModelException(operation + " answered HTTP " + status + " with "
          + (text.isBlank() ? "an empty body"
              : "a body that is not a JSON object: " + WireFormat.snippet(endpoint.redact(text))),
          status, false);
    }
    return json;
  }

  private String describe(IOException e) {
    String kind = e instanceof InterruptedIOException ? "timeout" : "connection failure";
    return kind + " (" + e.getClass().getSimpleName()
        + (e.getMessage() != null ? ": " + endpoint.redact(e.getMessage()) : "") + ")";
  }

  /** Shuts down the HTTP client if this transport made it; a caller's client is left alone. */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /**
   * The HTTP and retry settings both public builders share, validated as they are set. Not
   * thread-safe, like the builders holding it.
   */
  static final class Settings {
    private OkHttpClient httpClient;
    private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;
    private Duration maxRetryDuration = RetryPolicy.DEFAULT_MAX_DURATION;
    private Duration initialBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    void httpClient(OkHttpClient httpClient) {
      this.httpClient = notNull(httpClient, "httpClient");
    }

    void maxAttempts(int maxAttempts) {
      this.maxAttempts = atLeast(maxAttempts, 1, "maxAttempts");
    }

    void maxRetryDuration(Duration maxRetryDuration) {
      this.maxRetryDuration = positive(maxRetryDuration, "maxRetryDuration");
    }

    void initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
    }

    void sleeper(Sleeper sleeper) {
      this.sleeper = notNull(sleeper, "sleeper");
    }

    void clock(Clock clock) {
      this.clock = notNull(clock, "clock");
    }

    void jitter(DoubleSupplier jitter) {
      this.jitter = notNull(jitter, "jitter");
    }

    /**
     * Checks a builder's endpoint settings; called first in {@code build()}.
     *
     * @param deployment the Azure deployment the builder was given, or null
     * @throws IllegalArgumentException if endpoint is null, or a deployment is given for an
     *     endpoint that is not Azure
     */
    void checkEndpoint(OpenAiEndpoint endpoint, String deployment) {
      if (endpoint == null) {
        throw new IllegalArgumentException("endpoint must be set (or apiKey for OpenAI)");
      }
      if (deployment != null && !endpoint.isAzure()) {
        throw new IllegalArgumentException(
            "deployment is only for Azure endpoints, was set for " + endpoint);
      }
    }

    /** The transport; makes the HTTP client when the builder was given none. */
    OpenAiTransport build(OpenAiEndpoint endpoint) {
      return new OpenAiTransport(endpoint, this);
    }
  }
}
