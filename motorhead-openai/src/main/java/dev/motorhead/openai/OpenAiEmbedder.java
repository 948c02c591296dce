package dev.motorhead.openai;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.ModelException;
import dev.motorhead.longterm.Embedder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * An {@link Embedder} over OpenAI's embeddings API (or an Azure OpenAI deployment, or any
 * OpenAI-compatible server), used by long-term memory.
 *
 * <p>{@link #embed} sends the texts in batches of at most {@link Builder#batchSize} (default
 * {@value #DEFAULT_BATCH_SIZE}; OpenAI accepts up to 2,048 inputs per request), puts each answer's
 * vectors back in input order by their {@code index}, and checks that every text got exactly one
 * vector of {@link #dimensions()} numbers. An empty text is sent as a single space, because
 * OpenAI refuses empty inputs and would fail the whole batch.
 *
 * <p>Model {@value #DEFAULT_MODEL} by default (1,536 dimensions); {@code text-embedding-3-large}
 * (3,072) and {@code text-embedding-ada-002} (1,536, Motorhead's model) are known too. {@link
 * Builder#dimensions} shortens text-embedding-3 vectors and is then sent as the {@code dimensions}
 * parameter; for ada-002 it cannot differ from 1,536; for any other model (e.g. Ollama's {@code
 * nomic-embed-text}) it is required, states the size the server returns, and is not sent.
 *
 * <p>Failures are handled as by {@link OpenAiSummarizer}: rate limits, server errors, timeouts and
 * broken connections are retried with backoff within bounds, other errors throw at once, and an
 * answer with missing, extra or wrongly sized vectors is a non-retryable {@link ModelException}.
 * The API key never appears in a message, a log line or {@link #toString()}.
 *
 * <p>Immutable and thread-safe. An {@link OkHttpClient} passed to {@link Builder#httpClient}
 * belongs to the caller, who closes it; without one the embedder makes its own, which {@link
 * #close()} shuts down.
 *
 * <pre>{@code
 * try (OpenAiEmbedder embedder = OpenAiEmbedder.builder()
 *     .endpoint(OpenAiEndpoint.openAi(System.getenv("OPENAI_API_KEY")))
 *     .model("text-embedding-3-small")
 *     .build()) {
 *   List<float[]> vectors = embedder.embed(List.of("vegan dinner", "chickpea curry"));
 * }
 * }</pre>
 */
public final class OpenAiEmbedder implements Embedder, AutoCloseable {
  /** The embedding model used when none is set. */
  public static final String DEFAULT_MODEL = "text-embedding-3-small";

  /** The most texts per request when none is set. */
  public static final int DEFAULT_BATCH_SIZE = 64;

  /** The most inputs OpenAI accepts in one embeddings request. */
  public static final int MAX_BATCH_SIZE = 2_048;

  private final OpenAiTransport transport;
  private final String model;
  private final int dimensions;
  private final boolean sendDimensions;
  private final int batchSize;
  private final HttpUrl url;
  private final String what;

  private OpenAiEmbedder(Builder b, OpenAiTransport transport, int dimensions) {
    this.transport = transport;
    this.model = b.model;
    this.dimensions = dimensions;
    this.sendDimensions = b.dimensions > 0 && KnownModels.acceptsDimensions(b.model);
    this.batchSize = b.batchSize;
    String deployment = b.deployment != null ? b.deployment : b.model;
    this.url = b.endpoint.url("embeddings", deployment);
    this.what = "embeddings with model " + b.model
        + (b.endpoint.isAzure() ? " (deployment " + deployment + ")" : "");
  }

  /**
   * A builder with the defaults above; an endpoint or API key must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Embeds the texts, one request per batch, returning one vector per text in input order.
   *
   * @return an unmodifiable list; empty, without a request, when texts is empty
   * @throws IllegalArgumentException if texts or one of them is null
   * @throws ModelException if a request fails or an answer does not hold one vector of the
   *     expected size per text
   */
  @Override
  public List<float[]> embed(List<String> texts) {
    notNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      notNull(texts.get(i), "texts[" + i + "]");
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      vectors.addAll(embedBatch(texts.subList(from, Math.min(texts.size(), from + batchSize))));
    }
    return Collections.unmodifiableList(vectors);
  }

  private List<float[]> embedBatch(List<String> batch) {
    JsonNode json = transport.post(url,
        WireFormat.embeddingsRequest(model, batch, sendDimensions ? dimensions : 0), what);
    JsonNode data = json.path("data");
    if (!data.isArray()) {
      throw transport.badAnswer(what, "without a data array");
    }
    if (data.size() != batch.size()) {
      throw transport.badAnswer(what, data.size() + " vectors for " + batch.size() + " inputs");
    }
    float[][] vectors = new float[batch.size()][];
    for (int position = 0; position < data.size(); position++) {
      JsonNode item = data.get(position);
      int index = item.has("index") ? item.path("index").asInt(-1) : position;
      if (index < 0 || index >= vectors.length || vectors[index] != null) {
        throw transport.badAnswer(what, "a vector with index " + item.path("index")
            + " for a batch of " + batch.size() + " inputs");
      }
      vectors[index] = vector(item.path("embedding"), index);
    }
    return Arrays.asList(vectors);
  }

  private float[] vector(JsonNode embedding, int index) {
    if (!embedding.isArray()) {
      throw transport.badAnswer(what, "without an embedding array at index " + index);
    }
    if (embedding.size() != dimensions) {
      throw transport.badAnswer(what, "a vector of " + embedding.size() + " numbers at index "
          + index + " where " + dimensions + " were expected; set dimensions to the model's size");
    }
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      JsonNode n = embedding.get(i);
      if (!n.isNumber()) {
        throw transport.badAnswer(what, "a non-number in the embedding at index " + index);
      }
      vector[i] = n.floatValue();
    }
    return vector;
  }

  /** The length of every vector: the set {@code dimensions}, else the model's own size. */
  @Override
  public int dimensions() {
    return dimensions;
  }

  /** The batch size: the most texts one request carries. */
  @Override
  public int maxBatchSize() {
    return batchSize;
  }

  /** Shuts down the HTTP client if this embedder made it; a caller's client stays open. */
  @Override
  public void close() {
    transport.close();
  }

  OpenAiTransport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "OpenAiEmbedder{" + transport.endpoint() + ", model=" + model + ", dimensions="
        + dimensions + ", batchSize=" + batchSize + "}";
  }

  /** Builds an {@link OpenAiEmbedder}; each setting is checked as it is set. Not thread-safe. */
  public static final class Builder {
    private OpenAiEndpoint endpoint;
    private String model = DEFAULT_MODEL;
    private String deployment;
    private int dimensions;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private final OpenAiTransport.Settings transport = new OpenAiTransport.Settings();

    private Builder() {}

    /**
     * Where to send requests: OpenAI, a compatible server or Azure. Required (or apiKey).
     *
     * @param endpoint the server and the key it is sent; replaces an endpoint or key set before
     * @return this builder
     * @throws IllegalArgumentException if endpoint is null
     */
    public Builder endpoint(OpenAiEndpoint endpoint) {
      this.endpoint = notNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Shorthand for {@code endpoint(OpenAiEndpoint.openAi(apiKey))}.
     *
     * @param apiKey an OpenAI API key; replaces an endpoint or key set before
     * @return this builder
     * @throws IllegalArgumentException if apiKey is null, blank, or holds a character that cannot
     *     be sent in a header (the message never shows the key)
     */
    public Builder apiKey(String apiKey) {
      return endpoint(OpenAiEndpoint.openAi(apiKey));
    }

    /**
     * The embedding model, {@value #DEFAULT_MODEL} by default.
     *
     * @param model a name the server knows, e.g. {@code text-embedding-3-large}; surrounding
     *     whitespace is removed
     * @return this builder
     * @throws IllegalArgumentException if model is null or blank
     */
    public Builder model(String model) {
      this.model = notBlank(model, "model").strip();
      return this;
    }

    /**
     * The Azure embeddings deployment id; defaults to the model name. Only for Azure endpoints:
     * {@link #build()} refuses it for any other.
     *
     * @param deployment the id in the deployment's URL; surrounding whitespace is removed
     * @return this builder
     * @throws IllegalArgumentException if deployment is null or blank
     */
    public Builder deployment(String deployment) {
      this.deployment = notBlank(deployment, "deployment").strip();
      return this;
    }

    /**
     * The vector length, as described in the class comment; by default the model's own size.
     *
     * @param dimensions at least 1; {@link #build()} checks it against the model
     * @return this builder
     * @throws IllegalArgumentException if dimensions is below 1
     */
    public Builder dimensions(int dimensions) {
      this.dimensions = atLeast(dimensions, 1, "dimensions");
      return this;
    }

    /**
     * The most texts per request, 1 to 2,048. Default {@value #DEFAULT_BATCH_SIZE}.
     *
     * @param batchSize 1 to {@value #MAX_BATCH_SIZE}
     * @return this builder
     * @throws IllegalArgumentException if batchSize is outside 1 to 2,048
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = between(batchSize, 1, MAX_BATCH_SIZE, "batchSize");
      return this;
    }

    /**
     * An HTTP client the caller owns and closes; by default the embedder makes its own. Its
     * connection pool, dispatcher and timeouts are used as they are, but redirects are never
     * followed, so that a key cannot be forwarded to another host.
     *
     * @param httpClient the caller's client, which the embedder never closes
     * @return this builder
     * @throws IllegalArgumentException if httpClient is null
     */
    public Builder httpClient(OkHttpClient httpClient) {
      transport.httpClient(httpClient);
      return this;
    }

    /**
     * The most attempts per request, the first included. Default 4; 1 disables retries.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if maxAttempts is below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      transport.maxAttempts(maxAttempts);
      return this;
    }

    /**
     * The longest time spent retrying one request: no wait is begun that would end later than
     * this after the first attempt started (a wait is shortened to fit). Default 60 s. An
     * attempt in flight is bounded by the HTTP client's own timeouts.
     *
     * @param maxRetryDuration positive
     * @return this builder
     * @throws IllegalArgumentException if maxRetryDuration is null, zero or negative
     */
    public Builder maxRetryDuration(Duration maxRetryDuration) {
      transport.maxRetryDuration(maxRetryDuration);
      return this;
    }

    Builder initialBackoff(Duration initialBackoff) {
      transport.initialBackoff(initialBackoff);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      transport.sleeper(sleeper);
      return this;
    }

    Builder clock(Clock clock) {
      transport.clock(clock);
      return this;
    }

    Builder jitter(DoubleSupplier jitter) {
      transport.jitter(jitter);
      return this;
    }

    /**
     * Checks the settings against each other and builds the embedder, with an HTTP client of its
     * own unless {@link #httpClient} was set.
     *
     * @return a new embedder, which the caller closes
     * @throws IllegalArgumentException if no endpoint or key was set, a deployment was set for an
     *     endpoint that is not Azure, or dimensions is missing for an unknown model, too large for
     *     a text-embedding-3 model, or other than 1,536 for text-embedding-ada-002
     */
    public OpenAiEmbedder build() {
      transport.checkEndpoint(endpoint, deployment);
      int nativeSize = KnownModels.embeddingDimensions(model);
      if (dimensions == 0 && nativeSize == 0) {
        throw new IllegalArgumentException("dimensions must be set for model \"" + model
            + "\", whose vector size is not known");
      }
      if (dimensions > 0 && nativeSize > 0) {
        if (KnownModels.acceptsDimensions(model) && dimensions > nativeSize) {
          throw new IllegalArgumentException("dimensions must be <= " + nativeSize + " for "
              + model + ", was " + dimensions);
        }
        if (!KnownModels.acceptsDimensions(model) && dimensions != nativeSize) {
          throw new IllegalArgumentException("dimensions cannot be chosen for " + model
              + ", which always returns " + nativeSize + ", was " + dimensions);
        }
      }
      return new OpenAiEmbedder(
          this, transport.build(endpoint), dimensions > 0 ? dimensions : nativeSize);
    }
  }
}
