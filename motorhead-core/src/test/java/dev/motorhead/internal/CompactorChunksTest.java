package dev.motorhead.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactorChunksTest {
  private static Message plain(String content) {
    return Message.builder().id(content).role("user").content(content).tokenCount(1).build();
  }

  private static Message member(String content, String group, int size) {
    return Message.builder().id(content).role("tool").content(content).tokenCount(1)
        .group(group, size).build();
  }

  private static List<List<String>> contents(List<List<Message>> chunks) {
    return chunks.stream().map(c -> c.stream().map(Message::content).toList()).toList();
  }

  @Test
  void aChunkEndsEarlyRatherThanSplitAGroup() {
    List<Message> ms =
        List.of(plain("a"), plain("b"), member("q", "g", 3), member("r1", "g", 3),
            member("r2", "g", 3), plain("c"));

    assertThat(contents(Compactor.chunks(ms, 3)))
        .containsExactly(List.of("a", "b"), List.of("q", "r1", "r2"), List.of("c"));
  }

  @Test
  void aGroupLargerThanTheBudgetIsSplitAsLittleAsNeeded() {
    List<Message> ms =
        List.of(plain("a"), member("q", "g", 4), member("r1", "g", 4), member("r2", "g", 4),
            member("r3", "g", 4), plain("b"));

    assertThat(contents(Compactor.chunks(ms, 3)))
        .containsExactly(List.of("a"), List.of("q", "r1", "r2"), List.of("r3", "b"));
  }

  @Test
  void withoutGroupsChunksFillTheBudget() {
    List<Message> ms = List.of(plain("a"), plain("b"), plain("c"), plain("d"), plain("e"));

    assertThat(contents(Compactor.chunks(ms, 2)))
        .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
  }
}
