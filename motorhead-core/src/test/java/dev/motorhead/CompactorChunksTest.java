package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.summarize.TokenCounter;
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

  private static Message uncounted(String content) {
    return Message.builder().id(content).role("user").content(content).build();
  }

  @Test
  void uncountedMessagesWithinTheBudgetByTheirByteLengthAreNotCounted() {
    TokenCounter counter = TokenCounter.defaultCounter();
    List<Message> ms = List.of(uncounted("hello world"), uncounted("é"));

    List<Message> counted = Compactor.counted(ms, 100, counter);

    // the UTF-8 length of "user: hello world" and "user: é": bounds, since nothing needed more
    assertThat(counted).extracting(Message::tokenCount).containsExactly(17, 8);
    assertThat(counted).extracting(Message::id).containsExactly("hello world", "é");
  }

  @Test
  void overTheBudgetTheLargestAreCountedExactlyUntilTheBoundsFit() {
    TokenCounter counter = TokenCounter.defaultCounter();
    String big = "the quick brown fox jumps over the lazy dog ".repeat(20).strip();
    List<Message> ms = List.of(uncounted("tiny"), uncounted(big));

    List<Message> counted = Compactor.counted(ms, 300, counter);

    assertThat(counted.get(1).tokenCount()).isEqualTo(counter.count(ms.get(1)));
    assertThat(counted.get(0).tokenCount()).isEqualTo(10); // "user: tiny", still a bound
    assertThat(Compactor.chunks(counted, 300)).hasSize(1);
  }

  @Test
  void messagesThatCarryACountKeepIt() {
    List<Message> ms = List.of(plain("a"), plain("b"));
    assertThat(Compactor.counted(ms, 1, TokenCounter.defaultCounter())).isSameAs(ms);
  }
}
