package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AtomicWritesTest {

  @Test
  void addWithContextSetsTheSummaryAndAppendsTogether() {
    try (MemoryClient client = MemoryClient.create()) {
      SessionMemory s = client.session("s");
      s.add(Message.of("Human", "before"));

      s.addWithContext("User is Ada", List.of(Message.of("Human", "after")));

      Memory m = s.memory();
      assertThat(m.summary()).hasValue("User is Ada");
      assertThat(m.messages()).extracting(Message::content).containsExactly("before", "after");
    }
  }

  @Test
  void addWithContextOnAFailingStoreWritesNothingAndSaysWhy() {
    try (MemoryClient client = MemoryClient.builder().store(new FailingStore()).build()) {
      assertThatThrownBy(
              () -> client.session("s").addWithContext("ctx", List.of(Message.of("Human", "x"))))
          .isInstanceOf(StoreException.class)
          .hasMessage("store down");
    }
  }

  @Test
  void aBlankContextRemovesTheSummaryAndNoMessagesIsAllowed() {
    try (MemoryClient client = MemoryClient.create()) {
      SessionMemory s = client.session("s");
      s.setContext("old");

      s.addWithContext(" ", List.of());

      assertThat(s.memory().summary()).isEmpty();
    }
  }

  @Test
  void replaceSwapsEverythingTheSessionShows() {
    try (MemoryClient client = MemoryClient.create()) {
      SessionMemory s = client.session("s");
      s.add(Message.builder().role("system").content("old prompt").pinned(true).build(),
          Message.of("Human", "old"));
      s.setContext("old summary");

      s.replace("new summary", List.of(
          Message.builder().role("system").content("new prompt").pinned(true).build(),
          Message.of("Human", "new")));

      Memory m = s.memory();
      assertThat(m.pinned()).map(Message::content).hasValue("new prompt");
      assertThat(m.summary()).hasValue("new summary");
      assertThat(m.messages()).extracting(Message::content).containsExactly("new");
    }
  }

  @Test
  void replaceWithNothingEmptiesTheSession() throws Exception {
    try (MemoryClient client = MemoryClient.create()) {
      SessionMemory s = client.session("s");
      s.add(Message.of("Human", "x"));

      s.replaceAsync("", List.of()).get();

      Memory m = s.memory();
      assertThat(m.messages()).isEmpty();
      assertThat(m.summary()).isEmpty();
      assertThat(m.pinned()).isEmpty();
    }
  }

  @Test
  void writesRejectANullContextAtOnce() {
    try (MemoryClient client = MemoryClient.create()) {
      assertThatThrownBy(() -> client.session("s").addWithContext(null, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("context must not be null");
      assertThatThrownBy(() -> client.session("s").replace("", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("messages must not be null");
    }
  }
}
