package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionState;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.testing.ForwardingStore;
import dev.motorhead.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LifecycleAndLeaseTest {

  private static List<Message> two(String prefix) {
    return List.of(Message.of("Human", prefix + " one"), Message.of("AI", prefix + " two"));
  }

  /** Counts lease renewals of an in-memory store, so a test can wait for one. */
  private static final class CountingRenewals extends ForwardingStore {
    final AtomicInteger renewals = new AtomicInteger();

    CountingRenewals(MessageStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Boolean> renewLease(String s, String token, Duration ttl) {
      return super.renewLease(s, token, ttl).thenApply(renewed -> {
        if (renewed) {
          renewals.incrementAndGet();
        }
        return renewed;
      });
    }
  }

  @Test
  void theLeaseStaysAliveThroughASummarizerCallLongerThanTheLease() {
    MutableClock clock = MutableClock.startingAt("2026-12-01T10:00:00Z");
    CountingRenewals store =
        new CountingRenewals(InMemoryMessageStore.builder().clock(clock).build());
    AtomicInteger calls = new AtomicInteger();
    Summarizer slow = (previous, messages) -> {
      calls.incrementAndGet();
      for (int i = 0; i < 6; i++) { // five minutes on the clock, the lease being two
        int before = store.renewals.get();
        clock.advance(Duration.ofSeconds(50));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.renewals.get() == before && System.nanoTime() < until) {
          Thread.onSpinWait(); // the keep-alive checks every 100 ms of real time
        }
      }
      return new Summary("slow but committed", 0);
    };
    try (MemoryClient client = MemoryClient.builder().store(store).summarizer(slow).windowSize(2)
        .compactionMode(CompactionMode.SYNC).leaseDuration(Duration.ofMinutes(2)).clock(clock)
        .build()) {
      SessionMemory s = client.session("s");
      s.add(two("first"));
      s.add(Message.of("Human", "third"));

      assertThat(calls).hasValue(1); // committed the first time: not summarized again
      assertThat(s.memory().summary()).hasValue("slow but committed");
      assertThat(store.renewals.get()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void inSyncModeAnAddAfterCloseStillStoresAndCompletes() {
    InMemoryMessageStore store = InMemoryMessageStore.create();
    MemoryClient client = MemoryClient.builder().store(store).windowSize(2)
        .compactionMode(CompactionMode.SYNC).build();
    client.session("s").add(two("before"));
    client.close();

    client.session("s").addAsync(two("after close")).join();

    SessionState state = store.read("s", 10).join();
    assertThat(state.messageCount()).isEqualTo(4);
  }

  @Test
  void deleteAsyncDeletesLongTermMemoryOnTheClientsOwnThreadNotTheCommonPool()
      throws InterruptedException {
    AtomicReference<String> thread = new AtomicReference<>();
    CountDownLatch deleted = new CountDownLatch(1);
    LongTermMemory recording = new LongTermMemory() {
      @Override
      public boolean isEnabled() {
        return true;
      }

      @Override
      public void index(String sessionId, List<Message> messages) {}

      @Override
      public List<SearchHit> search(String sessionId, String query, int k) {
        return List.of();
      }

      @Override
      public void delete(String sessionId) {
        thread.set(Thread.currentThread().getName());
        deleted.countDown();
      }
    };
    try (MemoryClient client = MemoryClient.builder().longTermMemory(recording).build()) {
      client.session("s").add(two("x"));

      assertThat(client.session("s").deleteAsync().join()).isTrue();

      assertThat(deleted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(thread.get()).startsWith("motorhead-").doesNotContain("commonPool");
    }
  }

  @Test
  void theSyncBackoffOfSessionsThatFailedOnceDoesNotPileUp() {
    MutableClock clock = MutableClock.startingAt("2026-12-01T10:00:00Z");
    Summarizer failing = (previous, messages) -> {
      throw new IllegalStateException("model down (test)");
    };
    try (MemoryClient client = MemoryClient.builder().summarizer(failing).windowSize(2)
        .compactionMode(CompactionMode.SYNC).maxPendingCompactions(10)
        .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).clock(clock).build()) {
      for (int i = 0; i < 50; i++) {
        client.session("s" + i).add(List.of(Message.of("Human", "a"), Message.of("AI", "b"),
            Message.of("Human", "c")));
        clock.advance(Duration.ofSeconds(2)); // the backoff of the sessions before is over
      }

      assertThat(client.compactor().syncBackoffSize()).isLessThanOrEqualTo(11);
    }
  }

  @Test
  void compactWaitsForTheBackgroundCompactionThatHoldsTheLeaseAndReturnsWithItsSummary()
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    MessageStore store = new ForwardingStore(InMemoryMessageStore.create()) {
      @Override
      public CompletableFuture<Boolean> acquireLease(String s, String token, Duration ttl) {
        attempts.incrementAndGet();
        return super.acquireLease(s, token, ttl);
      }
    };
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Summarizer held = (previous, messages) -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Summary("folded " + messages.size(), 1);
    };
    try (MemoryClient client =
        MemoryClient.builder().store(store).summarizer(held).windowSize(4).build()) {
      client.session("s").add(List.of(Message.of("Human", "a"), Message.of("AI", "b"),
          Message.of("Human", "c"), Message.of("AI", "d"), Message.of("Human", "e")));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // the background job holds it

      CompletableFuture<java.util.Optional<String>> compacted = CompletableFuture.supplyAsync(() -> {
        client.session("s").compact();
        return client.session("s").memory().summary();
      });
      // compact() tried the lease twice, the holder still summarizing: it is waiting
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> attempts.get() >= 3);
      release.countDown();

      assertThat(compacted.get(10, TimeUnit.SECONDS)).hasValue("folded 3");
    }
  }
}
