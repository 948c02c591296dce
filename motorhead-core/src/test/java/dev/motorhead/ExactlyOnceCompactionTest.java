package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every message either stays in the window or is folded into exactly one committed summary,
 * however many threads and clients write one session while a slow summarizer runs.
 */
class ExactlyOnceCompactionTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 500;
  private static final int WINDOW = 12;

  /** A ledger summarizer that takes a little while, like a model, so appends race with it. */
  static final class SlowLedgerSummarizer extends LedgerSummarizer {
    @Override
    public Summary summarize(String previousSummary, List<Message> newMessages) {
      try {
        // Simulated model latency that widens the race window; it waits for nothing.
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return super.summarize(previousSummary, newMessages);
    }
  }

  @Test
  void eightThreadsAppendingWhileSummarizingLoseNothingAndFoldNothingTwice() throws Exception {
    MessageStore store = InMemoryMessageStore.create();
    SlowLedgerSummarizer summarizer = new SlowLedgerSummarizer();
    try (MemoryClient client = client(store, summarizer)) {
      appendConcurrently(List.of(client), "s");
      awaitCompacted(client, "s");
      assertExactlyOnce(store, "s");
      assertThat(summarizer.calls).isNotEmpty();
    }
  }

  @Test
  void twoClientsSharingOneStoreNeverBothCommitTheSameMessages() throws Exception {
    MessageStore store = InMemoryMessageStore.create();
    SlowLedgerSummarizer first = new SlowLedgerSummarizer();
    SlowLedgerSummarizer second = new SlowLedgerSummarizer();
    try (MemoryClient a = client(store, first);
        MemoryClient b = client(store, second)) {
      appendConcurrently(List.of(a, b), "s");
      awaitCompacted(a, "s");
      assertExactlyOnce(store, "s");
      // both clients did summarize: the race between them was real
      assertThat(first.calls).isNotEmpty();
      assertThat(second.calls).isNotEmpty();
    }
  }

  @Test
  void synchronousCompactionFromEightThreadsIsExactlyOnceToo() throws Exception {
    MessageStore store = InMemoryMessageStore.create();
    try (MemoryClient client =
        MemoryClient.builder()
            .store(store)
            .summarizer(new SlowLedgerSummarizer())
            .windowSize(WINDOW)
            .compactionMode(CompactionMode.SYNC)
            .build()) {
      appendConcurrently(List.of(client), "s");
      client.session("s").compact();
      assertExactlyOnce(store, "s");
    }
  }

  private static MemoryClient client(MessageStore store, LedgerSummarizer summarizer) {
    return MemoryClient.builder()
        .store(store)
        .summarizer(summarizer)
        .windowSize(WINDOW)
        .leaseDuration(Duration.ofSeconds(5))
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
        .build();
  }

  /** THREADS threads, spread over the clients, each adding PER_THREAD numbered messages. */
  private static void appendConcurrently(List<MemoryClient> clients, String session)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      SessionMemory memory = clients.get(t % clients.size()).session(session);
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++) {
                  memory.add(Message.of(i % 2 == 0 ? "Human" : "AI", "n" + (thread * PER_THREAD + i)));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
  }

  private static void awaitCompacted(MemoryClient client, String session) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                client.store().read(session, Integer.MAX_VALUE).join().messageCount() <= WINDOW
                    && client.compactor().pendingSessions() == 0);
  }

  private static void assertExactlyOnce(MessageStore store, String session) {
    var state = store.read(session, Integer.MAX_VALUE).join();
    Memory all = new Memory(state.messages(), state.summary(), state.summaryTokens());
    List<String> folded = LedgerSummarizer.entries(all);
    List<String> window = all.messages().stream().map(Message::content).toList();
    List<String> expected =
        IntStream.range(0, THREADS * PER_THREAD).mapToObj(i -> "n" + i).toList();

    assertThat(folded).as("folded into the summary").doesNotHaveDuplicates();
    assertThat(window).as("kept in the window").doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(WINDOW);
    Set<String> overlap = new HashSet<>(folded);
    overlap.retainAll(window);
    assertThat(overlap).as("both folded and kept").isEmpty();
    assertThat(LedgerSummarizer.everything(all))
        .as("every message, folded or kept")
        .containsExactlyInAnyOrderElementsOf(expected);
    // one token per folded message: no refused compaction was counted
    assertThat(state.summaryTokens()).isEqualTo(folded.size());
    // each thread's messages keep their order through the folds and the window
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      List<String> mine =
          LedgerSummarizer.everything(all).stream()
              .filter(c -> Integer.parseInt(c.substring(1)) / PER_THREAD == thread)
              .toList();
      assertThat(mine)
          .containsExactlyElementsOf(
              IntStream.range(0, PER_THREAD).mapToObj(i -> "n" + (thread * PER_THREAD + i)).toList());
    }
  }
}
