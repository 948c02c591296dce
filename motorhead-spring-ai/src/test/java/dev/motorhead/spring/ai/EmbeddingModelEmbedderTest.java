package dev.motorhead.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.longterm.LongTermMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.retry.NonTransientAiException;

class EmbeddingModelEmbedderTest {

  /** Three dimensions: how much a text is about pets, food and travel. */
  static final class TopicModel implements EmbeddingModel {
    final AtomicInteger calls = new AtomicInteger();
    RuntimeException failure;

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
      calls.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
      List<Embedding> out = new ArrayList<>();
      List<String> texts = request.getInstructions();
      for (int i = 0; i < texts.size(); i++) {
        out.add(new Embedding(vector(texts.get(i)), i));
      }
      return new EmbeddingResponse(out);
    }

    static float[] vector(String text) {
      String t = text.toLowerCase(Locale.ROOT);
      return new float[] {
        t.matches(".*(pet|zebra|dog|cat).*") ? 1 : 0.01f,
        t.matches(".*(food|peanut|cook|eat).*") ? 1 : 0.01f,
        t.matches(".*(trip|travel|flight).*") ? 1 : 0.01f
      };
    }

    @Override
    public float[] embed(Document document) {
      return vector(document.getText());
    }
  }

  @Test
  void itEmbedsThroughTheModelAndAsksItsDimensionsOnce() {
    TopicModel model = new TopicModel();
    EmbeddingModelEmbedder embedder = EmbeddingModelEmbedder.create(model);

    assertThat(embedder.dimensions()).isEqualTo(3);
    assertThat(embedder.dimensions()).isEqualTo(3);
    assertThat(model.calls).hasValue(1); // Spring AI probes the dimensions with one embedding
    List<float[]> vectors = embedder.embed(List.of("my zebra", "peanuts"));
    assertThat(vectors).hasSize(2);
    assertThat(vectors.get(0)).containsExactly(1, 0.01f, 0.01f);
  }

  @Test
  void givenDimensionsSpareTheProbe() {
    TopicModel model = new TopicModel();
    EmbeddingModelEmbedder embedder =
        EmbeddingModelEmbedder.builder(model).dimensions(3).maxBatchSize(8).build();

    assertThat(embedder.dimensions()).isEqualTo(3);
    assertThat(embedder.maxBatchSize()).isEqualTo(8);
    assertThat(model.calls).hasValue(0);
  }

  @Test
  void failuresBecomeModelExceptions() {
    TopicModel model = new TopicModel();
    EmbeddingModelEmbedder embedder = EmbeddingModelEmbedder.builder(model).dimensions(3).build();
    model.failure = new NonTransientAiException("bad key");

    assertThatThrownBy(() -> embedder.embed(List.of("x")))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("TopicModel");
  }

  @Test
  void longTermMemoryFindsMessagesByTheModelsMeaning() {
    try (LongTermMemory longTerm = LongTermMemory.builder()
            .embedder(EmbeddingModelEmbedder.create(new TopicModel())).build();
        MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
      var session = client.session("ada");
      session.add(Message.of("user", "My zebra is named Quincy"),
          Message.of("user", "I booked a flight to Lima"),
          Message.of("user", "I am allergic to peanuts"));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(5))).isTrue();

      assertThat(session.search("what pet do I have", 1).get(0).content())
          .isEqualTo("My zebra is named Quincy");
    }
  }
}
