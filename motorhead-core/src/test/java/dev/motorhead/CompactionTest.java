package dev.motorhead;

import dev.motorhead.testing.LedgerSummarizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.TokenCounter;
import dev.motorhead.summarize.Summary;
import dev.motorhead.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CompactionTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");

  private static List<Message> numbered(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> Message.of("Human", "n" + i)).toList();
  }

  private static List<String> names(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "n" + i).toList();
  }

  private MemoryClient.Builder sync(Summarizer summarizer) {
    return MemoryClient.builder()
        .summarizer(summarizer)
        .windowSize(4)
        .compactionMode(CompactionMode.SYNC)
        .clock(clock);
  }

  // ---- the window ----

  @Test
  void withoutATokenBudgetAddedMessagesAreNotCountedAndWithOneTheyAre() {
    try (MemoryClient plain = MemoryClient.create();
        MemoryClient budgeted = MemoryClient.builder().maxWindowTokens(1_000).build()) {
      plain.session("s").add(Message.of("Human", "How many tokens is this?"));
      budgeted.session("s").add(Message.of("Human", "How many tokens is this?"));

      assertThat(plain.session("s").memory().messages().get(0).tokenCount()).isZero();
      assertThat(budgeted.session("s").memory().messages().get(0).tokenCount())
          .isEqualTo(TokenCounter.defaultCounter().count(Message.of("Human",
              "How many tokens is this?")));
    }
  }

  @Test
  void foldingMessagesWithLittleToSayStillLeavesThemInTheSummary() {
    try (MemoryClient client = MemoryClient.builder().windowSize(2)
        .compactionMode(CompactionMode.SYNC).build()) {
      SessionMemory s = client.session("peru");
      s.add(Message.of("Human", "a"));
      s.add(Message.of("Human", "b"));
      s.add(Message.of("Human", "The capital of Peru is Lima."));

      Memory m = s.memory();
      assertThat(m.messages()).extracting(Message::content)
          .containsExactly("The capital of Peru is Lima.");
      assertThat(m.summary()).hasValueSatisfying(summary ->
          assertThat(summary).contains("Human: a").contains("Human: b"));
    }
  }

  @Test
  void aMessageLongerThanTheLimitIsRefusedByNameAndNothingIsWritten() {
    try (MemoryClient client = MemoryClient.builder().maxMessageLength(10).build()) {
      SessionMemory s = client.session("s");

      assertThatThrownBy(() -> s.add(Message.of("Human", "short"),
              Message.of("Human", "far too long for it")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("messages[1]")
          .hasMessageContaining("maxMessageLength");
      assertThat(s.memory().messages()).isEmpty();
    }
  }

  @Test
  void passingTheWindowFoldsTheOldestAndKeepsTheNewestHalf() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = sync(ledger).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 4));
      assertThat(ledger.calls).isEmpty();

      s.add(numbered(4, 5));

      Memory m = s.memory();
      assertThat(ledger.calls).containsExactly(names(0, 3));
      assertThat(m.messages()).extracting(Message::content).containsExactly("n3", "n4");
      assertThat(m.summary()).hasValue("n0 n1 n2");
      assertThat(m.summarizerTokensUsed()).isEqualTo(3);
    }
  }

  @Test
  void memoryNeverReturnsMoreThanTheWindowEvenWhileCompactionIsStuck() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Summarizer blocked =
        (previous, messages) -> {
          entered.countDown();
          block(release);
          return new Summary("summary", 1);
        };
    try (MemoryClient client =
        MemoryClient.builder().summarizer(blocked).windowSize(12).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 30));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      s.add(numbered(30, 40));

      Memory m = s.memory();

      assertThat(m.messages()).extracting(Message::content).containsExactlyElementsOf(names(28, 40));
      release.countDown();
    }
  }

  @Test
  void aLongBacklogIsSummarizedInChunksOldestFirstEachBuildingOnTheLast() {
    // each message counts for 3 tokens; the summarizer takes 3 messages a call
    LedgerSummarizer ledger = new LedgerSummarizer(3 * 3);
    try (MemoryClient client = sync(ledger).windowSize(20).build()) {
      SessionMemory s = client.session("s");
      s.add(weighing(3, 0, 21)); // one append of 21: folds 11, keeps 10

      assertThat(ledger.calls)
          .containsExactly(names(0, 3), names(3, 6), names(6, 9), names(9, 11));
      assertThat(ledger.previousSummaries)
          .containsExactly(
              "",
              "n0 n1 n2",
              "n0 n1 n2 n3 n4 n5",
              "n0 n1 n2 n3 n4 n5 n6 n7 n8");
      Memory m = s.memory();
      assertThat(m.summary()).hasValue(LedgerSummarizer.joined(names(0, 11)));
      assertThat(m.messages()).extracting(Message::content).containsExactlyElementsOf(names(11, 21));
    }
  }

  @Test
  void aMessageLargerThanTheSummarizersBudgetIsSentAloneAndShortenedToFit() {
    List<List<Message>> received = new ArrayList<>();
    Summarizer budget50 =
        new Summarizer() {
          @Override
          public Summary summarize(String previous, List<Message> messages) {
            received.add(messages);
            return new Summary("summary " + received.size(), 1);
          }

          @Override
          public int inputTokenBudget() {
            return 50;
          }
        };
    try (MemoryClient client = sync(budget50).build()) {
      SessionMemory s = client.session("s");
      String huge = "word ".repeat(2_000);
      s.add(Message.of("Human", "n0"), Message.of("Human", huge), Message.of("Human", "n2"));
      s.add(numbered(3, 5));

      var counter = dev.motorhead.summarize.TokenCounter.defaultCounter();
      assertThat(received).hasSize(3);
      Message shortened = received.get(1).get(0);
      assertThat(received.get(1)).hasSize(1);
      assertThat(shortened.content()).startsWith("word word").endsWith("[…]");
      assertThat(counter.count(shortened)).isLessThanOrEqualTo(50);
      assertThat(s.memory().summary()).hasValue("summary 3");
      assertThat(s.memory().messages()).extracting(Message::content).containsExactly("n3", "n4");
    }
  }

  @Test
  void aTokenBudgetTriggersCompactionBeforeTheWindowIsFull() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = sync(ledger).windowSize(100).maxWindowTokens(10).build()) {
      SessionMemory s = client.session("s");
      s.add(weighing(3, 0, 3)); // 9 tokens: within budget
      assertThat(ledger.calls).isEmpty();

      s.add(weighing(3, 3, 4)); // 12 tokens: over; fold until at most 5 remain

      Memory m = s.memory();
      assertThat(m.messages()).extracting(Message::content).containsExactly("n3");
      assertThat(m.summary()).hasValue("n0 n1 n2");
    }
  }

  // ---- what the summarizer returns ----

  @Test
  void aNoneOrBlankSummaryNeverOverwritesTheExistingOne() {
    List<String> answers = new ArrayList<>(List.of("first summary", "NONE", "  ", "none."));
    Summarizer scripted = (previous, messages) -> new Summary(answers.remove(0), 1);
    try (MemoryClient client = sync(scripted).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 5));
      assertThat(s.memory().summary()).hasValue("first summary");

      s.add(numbered(5, 8));
      s.add(numbered(8, 11));
      s.add(numbered(11, 14));

      Memory m = s.memory();
      assertThat(m.summary()).hasValue("first summary");
      assertThat(m.summarizerTokensUsed()).isEqualTo(4);
      assertThat(m.messages()).hasSizeLessThanOrEqualTo(4);
    }
  }

  @Test
  void aNoneSummaryOfAFreshSessionLeavesItWithoutSummary() {
    try (MemoryClient client = sync((p, m) -> new Summary("NONE", 0)).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 5));
      assertThat(s.memory().summary()).isEmpty();
      assertThat(s.memory().messages()).hasSize(2);
    }
  }

  // ---- failures ----

  @Test
  void aSummarizerThatFailsThenRecoversLosesNothingAndBacksOff() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    LedgerSummarizer ledger = new LedgerSummarizer();
    Summarizer flaky =
        (previous, messages) -> {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new ModelException("model unavailable", 503, true);
          }
          return ledger.summarize(previous, messages);
        };
    try (MemoryClient client =
        sync(flaky).retryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1)).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 5)); // fails (1)
      assertThat(s.memory().summary()).isEmpty();
      assertThat(client.store().read("s", 100).join().messageCount()).isEqualTo(5);

      s.add(numbered(5, 6)); // within the backoff: not even tried
      assertThat(failuresLeft.get()).isEqualTo(2);

      clock.advance(Duration.ofSeconds(15));
      s.add(numbered(6, 7)); // fails (2)
      clock.advance(Duration.ofSeconds(15));
      s.add(numbered(7, 8)); // within the doubled backoff (~20 s): not tried
      assertThat(failuresLeft.get()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(15));
      s.add(numbered(8, 9)); // fails (3)
      clock.advance(Duration.ofMinutes(2));
      s.add(numbered(9, 10)); // succeeds

      Memory m = s.memory();
      assertThat(LedgerSummarizer.everything(m)).containsExactlyElementsOf(names(0, 10));
      assertThat(m.messages()).hasSize(2);
    }
  }

  @Test
  void aFailingBackgroundSummarizerIsRetriedUntilItCompacts() {
    AtomicInteger failuresLeft = new AtomicInteger(4);
    LedgerSummarizer ledger = new LedgerSummarizer();
    Summarizer flaky =
        (previous, messages) -> {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("boom");
          }
          return ledger.summarize(previous, messages);
        };
    try (MemoryClient client =
        MemoryClient.builder()
            .summarizer(flaky)
            .windowSize(4)
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
            .build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 5)); // one write, then no more: the retries alone must finish the job

      await().atMost(Duration.ofSeconds(20)).until(() -> s.memory().summary().isPresent());

      Memory m = s.memory();
      assertThat(LedgerSummarizer.everything(m)).containsExactlyElementsOf(names(0, 5));
      assertThat(failuresLeft.get()).isNegative();
    }
  }

  @Test
  void compactRethrowsTheSummarizersFailureAndKeepsTheMessages() {
    Summarizer failing =
        (previous, messages) -> {
          throw new IllegalStateException("no model");
        };
    try (MemoryClient client = sync(failing).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 6));

      assertThatThrownBy(s::compact)
          .isInstanceOf(MemoryException.class)
          .hasMessageContaining("Summarizer failed for session s")
          .hasRootCauseMessage("no model");
      assertThat(client.store().read("s", 100).join().messageCount()).isEqualTo(6);
    }
  }

  @Test
  void aFailingStoreFailsAddWithTheLibrarysException() {
    MessageStore broken = new FailingStore();
    try (MemoryClient client = MemoryClient.builder().store(broken).build()) {
      assertThatThrownBy(() -> client.session("s").add(Message.of("Human", "hi")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("store down");
      assertThat(client.session("s").addAsync(List.of(Message.of("Human", "hi"))))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(StoreException.class);
    }
  }

  // ---- context and delete racing a compaction ----

  @Test
  void contextPreloadIsTheSummaryTheNextCompactionBuildsOn() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = sync(ledger).build()) {
      SessionMemory s = client.session("s");
      s.setContext("The user is Ada.");
      assertThat(s.memory().summary()).hasValue("The user is Ada.");

      s.add(numbered(0, 5));

      assertThat(ledger.previousSummaries).containsExactly("The user is Ada.");
      assertThat(s.memory().summary()).hasValue("The user is Ada. n0 n1 n2");

      s.setContext(" ");
      assertThat(s.memory().summary()).isEmpty();
    }
  }

  @Test
  void contextSetDuringACompactionIsNotOverwrittenByIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LedgerSummarizer ledger = new LedgerSummarizer();
    AtomicInteger calls = new AtomicInteger();
    Summarizer firstCallBlocks =
        (previous, messages) -> {
          if (calls.getAndIncrement() == 0) {
            entered.countDown();
            block(release);
          }
          return ledger.summarize(previous, messages);
        };
    try (MemoryClient client = MemoryClient.builder().summarizer(firstCallBlocks).windowSize(4).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 5));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      s.setContext("user context");
      release.countDown();

      await().atMost(Duration.ofSeconds(20)).until(() -> s.memory().summary()
          .filter(t -> t.startsWith("user context ")).isPresent());
      Memory m = s.memory();
      assertThat(m.summary()).hasValue("user context n0 n1 n2");
      assertThat(m.messages()).extracting(Message::content).containsExactly("n3", "n4");
    }
  }

  @Test
  void aSessionDeletedDuringACompactionStaysDeleted() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    Summarizer blocked =
        (previous, messages) -> {
          entered.countDown();
          block(release);
          returned.countDown();
          return new Summary("ghost summary", 5);
        };
    try (MemoryClient client = MemoryClient.builder().summarizer(blocked).windowSize(4).build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(0, 5));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(s.delete()).isTrue();
      release.countDown();
      assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> client.compactor().pendingSessions() == 0);

      Memory m = s.memory();
      assertThat(m.messages()).isEmpty();
      assertThat(m.summary()).isEmpty();
      assertThat(m.summarizerTokensUsed()).isZero();
      assertThat(client.sessions(1, 10)).isEmpty();
    }
  }

  // ---- lifecycle ----

  @Test
  void closeLetsAPendingCompactionFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LedgerSummarizer ledger = new LedgerSummarizer();
    Summarizer slow =
        (previous, messages) -> {
          entered.countDown();
          block(release);
          return ledger.summarize(previous, messages);
        };
    MessageStore store = InMemoryMessageStore.create();
    MemoryClient client =
        MemoryClient.builder().store(store).summarizer(slow).windowSize(4).build();
    client.session("s").add(numbered(0, 5));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);
    release.countDown();
    closing.get(20, TimeUnit.SECONDS);

    assertThat(store.read("s", 100).join().summary()).isEqualTo("n0 n1 n2");
  }

  @Test
  void asyncFormsCompleteWithTheSameResults() throws Exception {
    try (MemoryClient client = sync(new LedgerSummarizer()).build()) {
      SessionMemory s = client.session("s").inNamespace("team");
      s.addAsync(numbered(0, 5)).get(10, TimeUnit.SECONDS);

      Memory m = s.memoryAsync().get(10, TimeUnit.SECONDS);

      assertThat(m.summary()).hasValue("n0 n1 n2");
      assertThat(client.sessionsAsync("team", 1, 10, SessionOrder.MOST_RECENT_FIRST)
          .get(10, TimeUnit.SECONDS)).containsExactly("s");
      assertThat(s.deleteAsync().get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(s.memoryAsync().get(10, TimeUnit.SECONDS).messages()).isEmpty();
    }
  }

  // ---- helpers ----

  /** Messages "nK" that count for {@code tokens} tokens each. */
  private static List<Message> weighing(int tokens, int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> Message.builder().role("Human").content("n" + i).tokenCount(tokens).build())
        .toList();
  }

  static void block(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
