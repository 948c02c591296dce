package dev.motorhead.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import org.junit.jupiter.api.Test;

class CompactionExamplesTest {

  @Test
  void aToolCallShowsOnceItsResultIsIn() {
    try (MemoryClient client = MemoryClient.create()) {
      Memory memory = CompactionExamples.toolCall(client.session("s"));

      assertThat(memory.pinned()).map(Message::content).hasValue("Be brief.");
      assertThat(memory.messages()).extracting(Message::content)
          .containsExactly("Weather in Oslo?", "called weather(Oslo)", "12°C");
    }
  }

  @Test
  void contextAndMessagesAreWrittenTogetherAndReplacedTogether() {
    try (MemoryClient client = MemoryClient.create()) {
      Memory memory = CompactionExamples.contextAndReplace(client.session("s"));

      assertThat(memory.summary()).isEmpty();
      assertThat(memory.messages()).extracting(Message::content).containsExactly("Start over");
    }
  }

  @Test
  void theListenerHearsWhatWasFolded() {
    // compact() or the background compaction folds 3 of the 5; close() waits for either
    assertThat(CompactionExamples.listener().get()).isEqualTo(3);
  }
}
