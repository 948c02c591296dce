package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.longterm.Embedder;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.longterm.SearchHit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-process all-MiniLM-L6-v2 model (no key, no network) through {@link
 * EmbeddingModelEmbedder} finds messages by meaning, where the default lexical embedder only
 * matches words, and with few shared words lets unrelated messages win.
 */
class SearchByMeaningTest {
  private static EmbeddingModelEmbedder miniLm;

  @BeforeAll
  static void loadTheModel() {
    miniLm = EmbeddingModelEmbedder.create(new AllMiniLmL6V2EmbeddingModel());
  }

  /** A conversation of 40 turns: two facts among acknowledgements. */
  private static List<Message> conversation() {
    List<Message> messages = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      if (i == 7) {
        messages.add(Message.of("user", "My zebra is named Quincy"));
      } else if (i == 23) {
        messages.add(Message.of("user", "I am allergic to peanuts and shellfish"));
      } else {
        messages.add(Message.of("user", "Please note item " + i));
      }
      messages.add(Message.of("assistant", "Acknowledged item " + i));
    }
    return messages;
  }

  private static List<String> search(Embedder embedder, String query) {
    try (LongTermMemory longTerm = LongTermMemory.builder().embedder(embedder).build();
        MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).windowSize(100).build()) {
      SessionMemory session = client.session("meaning");
      session.add(conversation());
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(60))).isTrue();
      return session.search(query, 3).stream().map(SearchHit::content).toList();
    }
  }

  @Test
  void miniLmHasAllMiniLmsDimensions() {
    assertThat(miniLm.dimensions()).isEqualTo(384);
  }

  @Test
  void whatPetDoIHaveFindsTheZebraByMeaning() {
    assertThat(search(miniLm, "what pet do I have")).first()
        .isEqualTo("My zebra is named Quincy");
  }

  @Test
  void peanutsAllergyRanksTheAllergyAboveTheAcknowledgements() {
    assertThat(search(miniLm, "peanuts allergy")).first()
        .isEqualTo("I am allergic to peanuts and shellfish");
  }

  @Test
  void theLexicalEmbedderMatchesWordsAndLetsAHashCollisionWin() {
    // "what pet do I have" shares only "I" with the allergy message; no word with the zebra
    assertThat(search(LexicalEmbedder.create(), "what pet do I have"))
        .doesNotContain("My zebra is named Quincy")
        .first().isEqualTo("I am allergic to peanuts and shellfish");
    // "allergy" and "19" fall in the same of 512 buckets with the same sign
    assertThat(search(LexicalEmbedder.create(), "peanuts allergy"))
        .containsExactly("Acknowledged item 19", "Please note item 19",
            "I am allergic to peanuts and shellfish");
  }
}
