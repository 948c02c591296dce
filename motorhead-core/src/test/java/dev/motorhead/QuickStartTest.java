package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's quick start, run as written. */
class QuickStartTest {

  @Test
  void theQuickStartKeepsTheWindowAndSummarizesTheRest() {
    try (MemoryClient client =
        MemoryClient.builder().windowSize(4).compactionMode(CompactionMode.SYNC).build()) {
      SessionMemory session = client.session("user-42:thread-7");
      session.add(
          Message.of("Human", "I want a vegan dinner recipe for Friday."),
          Message.of("AI", "How about a chickpea curry with coconut milk?"));
      session.add(
          Message.of("Human", "My sister Alice is allergic to peanuts."),
          Message.of("AI", "Noted: no peanuts. The curry has none."));
      session.add(Message.of("Human", "Great, thanks!"));

      Memory memory = session.memory();

      assertThat(memory.messages()).extracting(Message::content)
          .containsExactly("Noted: no peanuts. The curry has none.", "Great, thanks!");
      assertThat(memory.summary()).hasValueSatisfying(s -> assertThat(s)
          .contains("vegan dinner recipe", "chickpea curry", "Alice is allergic to peanuts"));
    }
  }
}
