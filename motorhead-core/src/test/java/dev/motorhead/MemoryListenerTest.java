package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.testing.LedgerSummarizer;
import dev.motorhead.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemoryListenerTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");

  /** Records every event as one line. */
  static final class Recorder implements MemoryListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void compactionStarted(String sessionId, int messagesToFold) {
      events.add("started " + sessionId + " " + messagesToFold);
    }

    @Override
    public void compactionCommitted(
        String sessionId, int messagesFolded, long tokensUsed, Duration duration) {
      assertThat(duration.isNegative()).isFalse();
      events.add("committed " + sessionId + " " + messagesFolded + " " + tokensUsed);
    }

    @Override
    public void compactionRefused(String sessionId, Duration duration) {
      events.add("refused " + sessionId);
    }

    @Override
    public void compactionFailed(String sessionId, Throwable failure, Duration duration) {
      events.add("failed " + sessionId + " " + failure.getMessage());
    }

    @Override
    public void summarizerCalled(
        String sessionId, int messages, long tokensUsed, Duration latency, boolean succeeded) {
      events.add("summarizer " + sessionId + " " + messages + " " + tokensUsed + " " + succeeded);
    }

    @Override
    public void leaseTakenOver(String sessionId) {
      events.add("lease lost " + sessionId);
    }

    @Override
    public void messagesIndexed(int count) {
      events.add("indexed " + count);
    }
  }

  private static List<Message> numbered(int n) {
    return IntStream.range(0, n).mapToObj(i -> Message.of("Human", "n" + i)).toList();
  }

  @Test
  void aCompactionReportsItsStartEachSummarizerCallAndEachCommittedChunk() {
    Recorder recorder = new Recorder();
    try (MemoryClient client =
        MemoryClient.builder()
            .summarizer(new LedgerSummarizer())
            .windowSize(4)
            .compactionMode(CompactionMode.SYNC)
            .listener(recorder)
            .clock(clock)
            .build()) {
      client.session("s").add(numbered(5));

      assertThat(recorder.events)
          .containsExactly("started s 3", "summarizer s 3 3 true", "committed s 3 3");
    }
  }

  @Test
  void aFailingSummarizerIsReportedAsAFailedCallAndAFailedCompaction() {
    Recorder recorder = new Recorder();
    Summarizer down = (previous, messages) -> {
      throw new ModelException("model down", 503, true);
    };
    try (MemoryClient client =
        MemoryClient.builder()
            .summarizer(down)
            .windowSize(4)
            .compactionMode(CompactionMode.SYNC)
            .listener(recorder)
            .clock(clock)
            .build()) {
      client.session("s").add(numbered(5));

      assertThat(recorder.events)
          .containsExactly("started s 3", "summarizer s 3 0 false", "failed s model down");
    }
  }

  @Test
  void aLeaseLostDuringTheSummarizerCallIsReportedAsRefusedAndTakenOver() {
    Recorder recorder = new Recorder();
    InMemoryMessageStore store = InMemoryMessageStore.builder().clock(clock).build();
    // while the first summarizer call runs, another writer replaces the context, which
    // revokes the lease; the next attempt builds on the new context
    java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
    Summarizer interrupted =
        (previous, messages) -> {
          if (first.getAndSet(false)) {
            store.replaceSummary("s", "", "user context", clock.instant()).join();
          }
          return new Summary(previous + " +" + messages.size(), 1);
        };
    try (MemoryClient client =
        MemoryClient.builder()
            .store(store)
            .summarizer(interrupted)
            .windowSize(4)
            .compactionMode(CompactionMode.SYNC)
            .listener(recorder)
            .clock(clock)
            .build()) {
      client.session("s").add(numbered(5));

      assertThat(recorder.events)
          .containsExactly("started s 3", "summarizer s 3 1 true", "refused s", "lease lost s",
              "started s 3", "summarizer s 3 1 true", "committed s 3 1");
      assertThat(client.session("s").memory().summary()).hasValue("user context +3");
    }
  }

  @Test
  void aListenerThatThrowsNeverAffectsTheMemory() {
    MemoryListener throwing =
        new MemoryListener() {
          @Override
          public void compactionCommitted(
              String sessionId, int messagesFolded, long tokensUsed, Duration duration) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (MemoryClient client =
        MemoryClient.builder()
            .summarizer(new LedgerSummarizer())
            .windowSize(4)
            .compactionMode(CompactionMode.SYNC)
            .listener(throwing)
            .clock(clock)
            .build()) {
      SessionMemory s = client.session("s");
      s.add(numbered(5));

      assertThat(s.memory().summary()).hasValue("n0 n1 n2");
    }
  }

  @Test
  void longTermMemoryReportsMessagesIndexed() {
    Recorder recorder = new Recorder();
    try (LongTermMemory longTerm = LongTermMemory.builder().listener(recorder).build();
        MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
      client.session("s").add(numbered(3));

      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(10))).isTrue();
      assertThat(recorder.events).containsExactly("indexed 3");
    }
  }

  @Test
  void theBacklogCountsMessagesWaitingToBeFoldedWhileACompactionIsPending() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Summarizer blocked =
        (previous, messages) -> {
          entered.countDown();
          CompactionTest.block(release);
          return new Summary("s", 0);
        };
    try (MemoryClient client =
        MemoryClient.builder().summarizer(blocked).windowSize(4).build()) {
      assertThat(client.compactionBacklog()).isZero();
      client.session("s").add(numbered(10));
      assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(client.pendingCompactions()).isEqualTo(1);
      assertThat(client.compactionBacklog()).isEqualTo(8);
      release.countDown();
      org.awaitility.Awaitility.await().until(() -> client.pendingCompactions() == 0);
      assertThat(client.compactionBacklog()).isZero();
    }
  }

  @Test
  void theListenerIsRequired() {
    assertThatThrownBy(() -> MemoryClient.builder().listener(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("listener must not be null");
  }

  @Test
  void commitResultsSayWhetherTheyCommitted() {
    assertThat(CommitResult.COMMITTED.committed()).isTrue();
    assertThat(CommitResult.LEASE_LOST.committed()).isFalse();
    assertThat(new Compaction("t", List.of("a"), null, 0).summary()).isNull();
  }
}
