package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.longterm.LongTermMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddingModelEmbedderTest {

  /**
   * Embeds text {@code t} as {@code [len(t), 1, 0, ...]} in {@code dimensions} numbers, after
   * failing its first calls with the given failure; records each batch it is sent.
   */
  static final class FakeEmbeddingModel implements EmbeddingModel {
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final int dimensions;
    private final AtomicInteger failuresLeft;
    private final RuntimeException failure;

    FakeEmbeddingModel(int dimensions) {
      this(dimensions, 0, null);
    }

    FakeEmbeddingModel(int dimensions, int failures, RuntimeException failure) {
      this.dimensions = dimensions;
      this.failuresLeft = new AtomicInteger(failures);
      this.failure = failure;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      batches.add(segments.stream().map(TextSegment::text).toList());
      if (failuresLeft.getAndDecrement() > 0) {
        throw failure;
      }
      List<Embedding> out = new ArrayList<>();
      for (TextSegment s : segments) {
        float[] v = new float[dimensions];
        v[0] = s.text().length();
        v[1] = 1;
        out.add(Embedding.from(v));
      }
      return Response.from(out);
    }
  }

  @Test
  void textsGoInBatchesOfTheBatchSizeAndComeBackInOrder() {
    FakeEmbeddingModel model = new FakeEmbeddingModel(4);
    EmbeddingModelEmbedder embedder =
        EmbeddingModelEmbedder.builder().embeddingModel(model).dimensions(4).batchSize(2).build();

    List<float[]> vectors = embedder.embed(List.of("a", "bb", "ccc", "dddd", "eeeee"));

    assertThat(model.batches).containsExactly(List.of("a", "bb"), List.of("ccc", "dddd"),
        List.of("eeeee"));
    assertThat(vectors).extracting(v -> v[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
    assertThat(embedder.maxBatchSize()).isEqualTo(2);
  }

  @Test
  void theDimensionsAreTheModelsWhenNotSet() {
    FakeEmbeddingModel model = new FakeEmbeddingModel(7);

    assertThat(EmbeddingModelEmbedder.create(model).dimensions()).isEqualTo(7);
  }

  @Test
  void aBlankTextGetsTheZeroVectorWithoutBeingSent() {
    FakeEmbeddingModel model = new FakeEmbeddingModel(3);
    EmbeddingModelEmbedder embedder =
        EmbeddingModelEmbedder.builder().embeddingModel(model).dimensions(3).build();

    List<float[]> vectors = embedder.embed(List.of("hi", " ", "", "there"));

    assertThat(model.batches).containsExactly(List.of("hi", "there"));
    assertThat(vectors.get(1)).containsExactly(0f, 0f, 0f);
    assertThat(vectors.get(2)).containsExactly(0f, 0f, 0f);
    assertThat(vectors.get(3)[0]).isEqualTo(5f);
    assertThat(embedder.embed(List.of())).isEmpty();
  }

  @Test
  void missingOrWronglySizedVectorsAreModelExceptionsThatAreNotRetryable() {
    EmbeddingModel tooShort = new FakeEmbeddingModel(2);
    EmbeddingModel tooFew = new EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(List.of(Embedding.from(new float[3])));
      }
    };

    assertThatThrownBy(() -> EmbeddingModelEmbedder.builder().embeddingModel(tooShort)
            .dimensions(3).build().embed(List.of("a")))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("a vector of 2 numbers where 3 were expected");
    assertThatThrownBy(() -> EmbeddingModelEmbedder.builder().embeddingModel(tooFew)
            .dimensions(3).build().embed(List.of("a", "b")))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("returned 1 vectors for 2 texts");
  }

  @Test
  void modelFailuresBecomeModelExceptionsRetryableOrNot() {
    EmbeddingModelEmbedder limited = EmbeddingModelEmbedder.builder().dimensions(3)
        .embeddingModel(new FakeEmbeddingModel(3, 1, new RateLimitException("slow"))).build();
    EmbeddingModelEmbedder refused = EmbeddingModelEmbedder.builder().dimensions(3)
        .embeddingModel(new FakeEmbeddingModel(3, 1, new AuthenticationException("key"))).build();

    assertThatThrownBy(() -> limited.embed(List.of("a")))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(() -> refused.embed(List.of("a")))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse());
  }

  /** Indexes two messages through long-term memory on the model: indexed and failed counts. */
  private static long[] indexTwoMessages(FakeEmbeddingModel model) {
    try (LongTermMemory longTerm = LongTermMemory.builder()
            .embedder(EmbeddingModelEmbedder.builder().embeddingModel(model).dimensions(3).build())
            .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .maxAttempts(5)
            .build();
        MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
      client.session("s").add(Message.of("user", "hello"), Message.of("assistant", "hi there"));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(10))).isTrue();
      return new long[] {longTerm.indexedMessages(), longTerm.failedMessages()};
    }
  }

  @Test
  void longTermMemoryRetriesARateLimitedBatchAndIndexesIt() {
    FakeEmbeddingModel model = new FakeEmbeddingModel(3, 2, new RateLimitException("slow"));

    assertThat(indexTwoMessages(model)).containsExactly(2, 0);
    assertThat(model.batches).hasSize(3);
  }

  @Test
  void longTermMemoryWaitsOutARefusedKeyAndIndexesOnceItIsFixed() {
    // a refused key is not about the texts: the messages wait (past maxAttempts) until it works
    FakeEmbeddingModel model = new FakeEmbeddingModel(3, 7, new AuthenticationException("key"));

    assertThat(indexTwoMessages(model)).containsExactly(2, 0);
    assertThat(model.batches).hasSize(8);
  }

  @Test
  void theBuilderNamesWhatIsWrong() {
    assertThatThrownBy(() -> EmbeddingModelEmbedder.builder().build())
        .hasMessage("embeddingModel must be set");
    assertThatThrownBy(() -> EmbeddingModelEmbedder.builder().batchSize(0))
        .hasMessage("batchSize must be between 1 and 2048, was 0");
    assertThatThrownBy(() -> EmbeddingModelEmbedder.builder().dimensions(0))
        .hasMessage("dimensions must be >= 1, was 0");
  }
}
