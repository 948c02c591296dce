package dev.motorhead.longterm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalEmbedderTest {
  private final LexicalEmbedder embedder = LexicalEmbedder.create();

  @Test
  void vectorsHaveTheConfiguredDimensionsAndUnitLength() {
    LexicalEmbedder small = LexicalEmbedder.builder().dimensions(64).build();

    float[] v = small.embed("The quick brown fox jumps over the lazy dog");

    assertThat(v).hasSize(64);
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
    assertThat(small.dimensions()).isEqualTo(64);
  }

  @Test
  void theSameTextAlwaysGivesTheSameVectorAcrossJvmsAndVersions() {
    // pinned: a change here breaks every vector already stored
    assertThat(LexicalEmbedder.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(LexicalEmbedder.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(embedder.embed("peanut allergy")).isEqualTo(embedder.embed("Peanut  ALLERGY!"));
  }

  @Test
  void wordsAreLowercasedUnicodeLetterAndDigitRuns() {
    assertThat(LexicalEmbedder.words("Straße, naïve CAFÉ; 東京 R2-D2 ＦＵＬＬ"))
        .containsExactly("straße", "naïve", "café", "東京", "r2", "d2", "full");
  }

  @Test
  void aTextWithoutWordsIsTheZeroVector() {
    assertThat(embedder.embed(" ,.!? ")).containsOnly(0f);
  }

  @Test
  void sharedWordsMakeTextsNearAndWordOrderMattersThroughBigrams() {
    double shared = Nearest.cosineDistance(
        embedder.embed("my sister is allergic to peanuts"), embedder.embed("allergic to peanuts"));
    double unrelated = Nearest.cosineDistance(
        embedder.embed("my sister is allergic to peanuts"), embedder.embed("train to Berlin"));
    double reordered = Nearest.cosineDistance(
        embedder.embed("dog bites man"), embedder.embed("man bites dog"));

    assertThat(shared).isLessThan(unrelated);
    assertThat(reordered).isGreaterThan(0.0).isLessThan(1.0);
  }

  @Test
  void theLexicalEmbedderFindsAMessageByItsDistinctiveWords() {
    VectorStore store = InMemoryVectorStore.create();
    List<String> conversation = List.of(
        "Hi! Can you help me plan a dinner for Friday?",
        "Sure. How many guests, and any dietary needs?",
        "Six guests. My sister Alice is allergic to peanuts.",
        "Noted. How about a chickpea curry with coconut milk?",
        "Sounds great. Also, what wine goes with curry?",
        "A dry Riesling or a Gewürztraminer pairs well with curry.");
    List<float[]> vectors = embedder.embed(conversation);
    for (int i = 0; i < conversation.size(); i++) {
      store.put("s", List.of(new VectorEntry("m" + i, "Human", conversation.get(i),
          Instant.EPOCH, vectors.get(i)))).join();
    }

    assertThat(store.nearest("s", embedder.embed("peanut allergy Alice"), 1).join())
        .extracting(SearchHit::content)
        .containsExactly("Six guests. My sister Alice is allergic to peanuts.");
    assertThat(store.nearest("s", embedder.embed("which wine?"), 1).join())
        .extracting(SearchHit::messageId).containsExactly("m4");
    assertThat(store.nearest("s", embedder.embed("Gewürztraminer"), 1).join())
        .extracting(SearchHit::messageId).containsExactly("m5");
  }

  @Test
  void theBuilderNamesABadDimensionCount() {
    assertThatThrownBy(() -> LexicalEmbedder.builder().dimensions(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions must be between 16 and 65536, was 8");
  }
}
