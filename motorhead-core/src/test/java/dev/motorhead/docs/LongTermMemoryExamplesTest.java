package dev.motorhead.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.longterm.SearchHit;
import org.junit.jupiter.api.Test;

class LongTermMemoryExamplesTest {
  @Test
  void theMessageSharingWordsWithTheQueryIsFound() {
    assertThat(LongTermMemoryExamples.inMemory()).extracting(SearchHit::content)
        .containsExactly("My sister Alice is allergic to peanuts.");
  }
}
