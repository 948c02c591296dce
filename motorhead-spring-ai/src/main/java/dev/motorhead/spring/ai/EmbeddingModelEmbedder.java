package dev.motorhead.spring.ai;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.longterm.Embedder;
import java.util.List;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * Any Spring AI {@link EmbeddingModel} as the long-term memory {@link Embedder}.
 *
 * <pre>{@code
 * LongTermMemory longTerm = LongTermMemory.builder()
 *     .embedder(EmbeddingModelEmbedder.create(embeddingModel))
 *     .build();
 * }</pre>
 *
 * <p>{@link #dimensions()} is the model's {@link EmbeddingModel#dimensions()}, asked once, when
 * first needed (most Spring AI models embed a probe text to answer it: set
 * {@link Builder#dimensions(int)} to avoid that call). Failures become a
 * {@link dev.motorhead.ModelException}, retryable or not as described in
 * {@link ChatModelSummarizer}.
 *
 * <p>Thread-safe if the model is. The model is the caller's.
 */
public final class EmbeddingModelEmbedder implements Embedder {
  private final EmbeddingModel model;
  private final int maxBatchSize;
  private volatile int dimensions;

  private EmbeddingModelEmbedder(Builder b) {
    this.model = b.model;
    this.maxBatchSize = b.maxBatchSize;
    this.dimensions = b.dimensions;
  }

  /**
   * An embedder that asks the model its dimensions when first needed and takes at most 64 texts
   * per call.
   *
   * @param model the model that embeds; the caller's, never closed here
   * @return a new embedder
   * @throws IllegalArgumentException if model is null
   */
  public static EmbeddingModelEmbedder create(EmbeddingModel model) {
    return builder(model).build();
  }

  /**
   * A builder for an embedder on this model; built unchanged, it gives what {@link #create}
   * does.
   *
   * @param model the model that embeds; the caller's, never closed here
   * @return a new builder
   * @throws IllegalArgumentException if model is null
   */
  public static Builder builder(EmbeddingModel model) {
    return new Builder(notNull(model, "model"));
  }

  /** @throws dev.motorhead.ModelException if the model fails */
  @Override
  public List<float[]> embed(List<String> texts) {
    notNull(texts, "texts");
    try {
      return model.embed(texts);
    } catch (RuntimeException e) {
      throw ModelFailures.map(what(), e);
    }
  }

  /** @throws dev.motorhead.ModelException if the model fails while probing its dimensions */
  @Override
  public int dimensions() {
    int d = dimensions;
    if (d == 0) {
      try {
        d = model.dimensions();
      } catch (RuntimeException e) {
        throw ModelFailures.map(what(), e);
      }
      dimensions = d;
    }
    return d;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  private String what() {
    return "Spring AI embedding model " + model.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "EmbeddingModelEmbedder{" + model.getClass().getSimpleName() + "}";
  }

  /** Builds an {@link EmbeddingModelEmbedder}. Not thread-safe. */
  public static final class Builder {
    private final EmbeddingModel model;
    private int maxBatchSize = 64;
    private int dimensions;

    private Builder(EmbeddingModel model) {
      this.model = model;
    }

    /**
     * The vector length, when known, to spare the model's probe call. Not checked against the
     * model: it must be the length the model returns.
     *
     * @param dimensions at least 1; unset by default, when the model is asked
     * @return this builder
     * @throws IllegalArgumentException if dimensions is below 1
     */
    public Builder dimensions(int dimensions) {
      this.dimensions = atLeast(dimensions, 1, "dimensions");
      return this;
    }

    /**
     * The most texts one call embeds; 64 by default. Long-term memory splits its batches to fit.
     *
     * @param maxBatchSize 1 to 10,000
     * @return this builder
     * @throws IllegalArgumentException if maxBatchSize is outside 1 to 10,000
     */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = between(maxBatchSize, 1, 10_000, "maxBatchSize");
      return this;
    }

    /**
     * Builds the embedder; the settings were checked as they were set.
     *
     * @return a new embedder, thread-safe if the model is
     */
    public EmbeddingModelEmbedder build() {
      return new EmbeddingModelEmbedder(this);
    }
  }
}
