package dev.motorhead.longterm;

import java.util.List;

/**
 * Turns texts into vectors for long-term memory. Implement it to use a model of your own;
 * motorhead-openai ships an OpenAI embedder.
 *
 * <p>Failures: throw a {@link dev.motorhead.ModelException}. One that is
 * {@linkplain dev.motorhead.ModelException#isRetryable() retryable}, or whose status is 401, 403,
 * 404 or 407 (the key, the account or the model is wrong, not the text), makes
 * {@link LongTermMemory} wait and try the same texts again until it succeeds; any other says a
 * text was refused, and the batch is split to find it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Embedder {

  /**
   * Embeds texts, returning one vector per text in the same order, each of
   * {@link #dimensions()} floats.
   *
   * @param texts at most {@link #maxBatchSize()} texts, none null
   * @return one vector per text, in the order of {@code texts}
   * @throws dev.motorhead.ModelException when the model fails
   */
  List<float[]> embed(List<String> texts);

  /**
   * The length of every vector this embedder returns.
   *
   * @return the dimensions, the same for every call
   */
  int dimensions();

  /**
   * The most texts one {@link #embed} call should receive.
   *
   * @return at least 1; 64 by default
   */
  default int maxBatchSize() {
    return 64;
  }

  /**
   * The longest text, in characters, the model accepts; {@link LongTermMemory} shortens longer
   * texts to it (keeping their start) before embedding them. Unlimited by default. A model whose
   * limit is in tokens should return a length that stays within it for the texts it expects
   * (a text it still refuses is isolated and given up alone, see {@link LongTermMemory}).
   *
   * @return a length in characters, at least 1; {@link Integer#MAX_VALUE} by default
   */
  default int maxInputLength() {
    return Integer.MAX_VALUE;
  }
}
