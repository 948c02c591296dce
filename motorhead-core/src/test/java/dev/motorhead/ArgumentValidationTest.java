package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.store.SessionOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments fail at once, name the argument and its value, and write nothing. */
class ArgumentValidationTest {
  private final MemoryClient client = MemoryClient.create();

  @AfterEach
  void close() {
    client.close();
  }

  private static void rejected(Executable call, String... fragments) {
    assertThatThrownBy(call::execute)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(fragments);
  }

  @Test
  void sessionIdsMustBeNonBlank() {
    rejected(() -> client.session(null), "sessionId", "null");
    rejected(() -> client.session(""), "sessionId", "blank", "\"\"");
    rejected(() -> client.session(" \n"), "sessionId", "blank", "\"", "\\n");
  }

  @Test
  void messagesNeedANonBlankRoleAndContent() {
    rejected(() -> Message.of(null, "x"), "role", "null");
    rejected(() -> Message.of("  ", "x"), "role", "blank");
    rejected(() -> Message.of("AI", null), "content", "null");
    rejected(() -> Message.builder().role("AI").build(), "content");
    rejected(() -> Message.builder().role("AI").content("x").tokenCount(-1), "tokenCount", "-1");
    rejected(() -> Message.builder().id(" "), "id", "blank");
    assertThat(Message.of("AI", "").content()).isEmpty();
  }

  @Test
  void addRejectsNullMessagesAndWritesNothing() {
    SessionMemory s = client.session("s");
    rejected(() -> s.add((List<Message>) null), "messages", "null");
    rejected(() -> s.add(Arrays.asList(Message.of("AI", "kept?"), null)), "messages[1]", "null");
    rejected(() -> s.addAsync(Arrays.asList(null, Message.of("AI", "x"))), "messages[0]");

    assertThat(s.memory().messages()).isEmpty();
    assertThat(client.sessions(1, 10)).isEmpty();
  }

  @Test
  void anEmptyAddWritesNothing() {
    client.session("s").add(List.of());
    assertThat(client.sessions(1, 10)).isEmpty();
  }

  @Test
  void listingPagesStartAtOneAndHoldOneToAHundred() {
    rejected(() -> client.sessions(0, 10), "page must be >= 1, was 0");
    rejected(() -> client.sessions(1, 0), "size must be between 1 and 100, was 0");
    rejected(() -> client.sessions(1, 101), "size must be between 1 and 100, was 101");
    rejected(() -> client.sessions(null, 1, 10), "namespace", "null");
    rejected(() -> client.sessions("", 1, 10, null), "order", "null");
    assertThat(client.sessions("", 1, 100, SessionOrder.MOST_RECENT_FIRST)).isEmpty();
  }

  @Test
  void searchTakesOneToAHundredResultsAndNeedsLongTermMemory() {
    SessionMemory s = client.session("s");
    rejected(() -> s.search("x", 0), "k must be between 1 and 100, was 0");
    rejected(() -> s.search("x", 101), "k", "101");
    rejected(() -> s.search(null, 5), "query", "null");
    assertThatThrownBy(() -> s.search("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Long-term memory is not enabled");
  }

  @Test
  void contextMustNotBeNull() {
    rejected(() -> client.session("s").setContext(null), "context", "null");
  }

  @Test
  void builderSettingsAreCheckedWhenSet() {
    MemoryClient.Builder b = MemoryClient.builder();
    rejected(() -> b.windowSize(1), "windowSize must be >= 2, was 1");
    rejected(() -> b.maxWindowTokens(0), "maxWindowTokens must be >= 1, was 0");
    rejected(() -> b.compactionThreads(0), "compactionThreads", "was 0");
    rejected(() -> b.maxPendingCompactions(0), "maxPendingCompactions", "was 0");
    rejected(() -> b.leaseDuration(Duration.ZERO), "leaseDuration must be positive");
    rejected(() -> b.retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
        "max backoff must be >= initial backoff");
    rejected(() -> b.closeTimeout(Duration.ofSeconds(-1)), "closeTimeout");
    rejected(() -> b.store(null), "store");
    rejected(() -> b.summarizer(null), "summarizer");
    rejected(() -> b.longTermMemory(null), "longTermMemory");
    rejected(() -> b.clock(null), "clock");
    rejected(() -> b.compactionMode(null), "compactionMode");
  }

  @Test
  void longIdsAreShortenedInMessages() {
    rejected(() -> Message.builder().role(" ".repeat(500)), "role", "...");
  }
}
