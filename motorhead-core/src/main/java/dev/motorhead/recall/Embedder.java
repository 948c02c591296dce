package dev.motorhead.recall;

import java.util.List;

/**
 * Turns texts into vectors for long-term memory. Implement it to use a model of your own;
 * motorhead-openai ships an OpenAI embedder.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Embedder {

  /**
   * Embeds texts, returning one vector per text in the same order, each of
   * {@link #dimensions()} floats.
   *
   * @throws dev.motorhead.ModelException when the model fails
   */
  List<float[]> embed(List<String> texts);

  /** The length of every vector this embedder returns. */
  int dimensions();

  /** The most texts one {@link #embed} call should receive. */
  default int maxBatchSize() {
    return 64;
  }
}
