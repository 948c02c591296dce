package dev.motorhead.longterm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long-term memory through {@link MemoryClient}, as the README shows it. */
class LongTermMemoryClientTest {

  @Test
  void searchReachesAMessageAlreadyFoldedIntoTheSummary() {
    try (LongTermMemory longTerm = LongTermMemory.create();
        MemoryClient client = MemoryClient.builder()
            .longTermMemory(longTerm)
            .windowSize(4)
            .compactionMode(CompactionMode.SYNC)
            .build()) {
      SessionMemory session = client.session("user-42:thread-7");
      session.add(Message.of("Human", "My sister Alice is allergic to peanuts."),
          Message.of("AI", "Noted: no peanuts."));
      session.add(Message.of("Human", "Plan a vegan dinner for Friday."),
          Message.of("AI", "How about a chickpea curry?"));
      session.add(Message.of("Human", "Which wine goes with it?"),
          Message.of("AI", "A dry Riesling."));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(10))).isTrue();

      Memory memory = session.memory();
      List<SearchHit> hits = session.search("is Alice allergic");

      assertThat(memory.messages()).extracting(Message::content)
          .doesNotContain("My sister Alice is allergic to peanuts.");
      assertThat(hits).hasSize(6);
      assertThat(hits.get(0).content()).isEqualTo("My sister Alice is allergic to peanuts.");
      assertThat(hits.get(0).role()).isEqualTo("Human");
    }
  }

  @Test
  void deletingTheSessionDeletesItsLongTermMemoryAndNoOtherSessions() {
    try (LongTermMemory longTerm = LongTermMemory.create();
        MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
      client.session("a}").add(Message.of("Human", "secret of a"));
      client.session("{a}").add(Message.of("Human", "secret of braces"));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(10))).isTrue();

      client.session("a}").delete();

      assertThat(client.session("a}").search("secret", 10)).isEmpty();
      assertThat(client.session("{a}").search("secret", 10)).extracting(SearchHit::content)
          .containsExactly("secret of braces");
    }
  }
}
