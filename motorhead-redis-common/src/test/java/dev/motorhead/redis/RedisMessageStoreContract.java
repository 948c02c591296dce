package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.MessageStoreContract;
import dev.motorhead.store.SessionState;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Core's store contract on a real Redis: each store gets a key prefix of its own, so tests share
 * one server without sharing data, and time passes for real (Redis expires keys on its clock).
 * Plus the end-to-end property the contract exists for: two {@link MemoryClient}s, each with its
 * own store and connections like two JVMs, compacting one session exactly once. A driver module
 * extends it with a Redis fixture and says how to build its store.
 */
public abstract class RedisMessageStoreContract extends MessageStoreContract {
  private static final AtomicInteger STORES = new AtomicInteger();
  private static final int WINDOW = 12;

  /** A store of the driver under test on the fixture's Redis, with these options. */
  protected abstract MessageStore newStore(String keyPrefix, Duration sessionTtl);

  @Override
  protected final MessageStore newStore(Duration sessionTtl) {
    return newStore(uniquePrefix(), sessionTtl);
  }

  @Override
  protected final void elapse(Duration d) {
    await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
  }

  private static String uniquePrefix() {
    return "contract" + STORES.incrementAndGet() + "-" + ProcessHandle.current().pid();
  }

  @Test
  public void twoClientsWithTheirOwnConnectionsCompactASessionExactlyOnce() throws Exception {
    String prefix = uniquePrefix();
    int threads = 4;
    int perThread = 60;
    try (MessageStore first = newStore(prefix, null);
        MessageStore second = newStore(prefix, null);
        MemoryClient a = client(first);
        MemoryClient b = client(second)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        SessionMemory session = (t % 2 == 0 ? a : b).session("s");
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    session.add(Message.of("Human", "n" + (thread * perThread + i)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                a.session("s").compact();
                return first.read("s", 1).join().messageCount() <= WINDOW;
              });

      SessionState state = first.read("s", Integer.MAX_VALUE).join();
      List<String> folded =
          state.summary() == null ? List.of() : Arrays.asList(state.summary().split(" "));
      List<String> window = state.messages().stream().map(Message::content).toList();
      Set<String> overlap = new HashSet<>(folded);
      overlap.retainAll(window);
      List<String> everything = new ArrayList<>(folded);
      everything.addAll(window);

      assertThat(folded).as("folded into the summary").isNotEmpty().doesNotHaveDuplicates();
      assertThat(window).as("kept in the window").doesNotHaveDuplicates();
      assertThat(overlap).as("both folded and kept").isEmpty();
      assertThat(everything)
          .as("every message, folded or kept")
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, threads * perThread).mapToObj(i -> "n" + i).toList());
      assertThat(state.summarizerTokensUsed()).as("one token per committed fold").isEqualTo(folded.size());
    }
  }

  @Test
  public void aCommitMatchesMessageIdsThatJsonEscapesOrThatAreNotAscii() {
    try (MessageStore store = newStore(uniquePrefix(), null)) {
      List<String> ids = List.of("q\"uote", "back\\slash", "tab\tnew\nline", "\u0001ctl", "é東🚀",
          "plain", "{\"id\":\"x\"}");
      List<Message> messages = new ArrayList<>();
      for (String id : ids) {
        messages.add(Message.builder().id(id).role("Human").content("c-" + id).tokenCount(2)
            .build());
      }
      Instant now = Instant.parse("2026-11-21T10:00:00Z");
      store.append("ids", "", messages, now).join();
      String token = "t";
      store.acquireLease("ids", token, Duration.ofMinutes(1)).join();

      assertThat(store.commit("ids", new Compaction(token,
          List.of("q\"uote", "wrong"), "x", 1)).join())
          .isEqualTo(CommitResult.SESSION_CHANGED);
      assertThat(store.commit("ids", new Compaction(token,
          ids.subList(0, 6), "folded", 1)).join())
          .isEqualTo(CommitResult.COMMITTED);

      SessionState state = store.read("ids", 100).join();
      assertThat(state.messages()).extracting(Message::id).containsExactly("{\"id\":\"x\"}");
      assertThat(state.messageCount()).isEqualTo(1);
      assertThat(state.messageTokens()).isEqualTo(2);
    }
  }

  @Test
  public void aReadRacingCompactionsSeesOneStateNeverAMessageTwiceOrNotAtAll() throws Exception {
    String prefix = uniquePrefix();
    int messages = 400;
    try (MessageStore writes = newStore(prefix, null);
        MessageStore reads = newStore(prefix, null);
        MemoryClient client = client(writes)) {
      SessionMemory session = client.session("raced");
      AtomicBoolean done = new AtomicBoolean();
      List<String> torn = new CopyOnWriteArrayList<>();
      AtomicInteger checked = new AtomicInteger();
      Thread reader = new Thread(() -> {
        while (!done.get()) {
          SessionState state = reads.read("raced", Integer.MAX_VALUE).join();
          List<String> seen = new ArrayList<>();
          if (state.summary() != null) {
            seen.addAll(Arrays.asList(state.summary().split(" ")));
          }
          state.messages().forEach(m -> seen.add(m.content()));
          // one writer appends n0, n1, ... in order and compaction folds the oldest first: any
          // one state shows n0 to n(k-1), each once
          List<String> expected = IntStream.range(0, seen.size()).mapToObj(i -> "n" + i).toList();
          if (!seen.equals(expected)) {
            torn.add(seen.toString());
          }
          if (state.messageCount() != state.messages().size()) {
            torn.add("count " + state.messageCount() + " but " + state.messages().size());
          }
          checked.incrementAndGet();
        }
      });
      reader.start();
      for (int i = 0; i < messages; i++) {
        session.add(Message.of("Human", "n" + i));
      }
      await().atMost(Duration.ofMinutes(1)).until(() -> client.pendingCompactions() == 0);
      done.set(true);
      reader.join();

      assertThat(torn).as("reads that saw no single state").isEmpty();
      assertThat(checked.get()).isPositive();
      assertThat(writes.read("raced", 1).join().summary()).as("compactions ran").isNotNull();
    }
  }

  private static MemoryClient client(MessageStore store) {
    return MemoryClient.builder()
        .store(store)
        .summarizer(new LedgerSummarizer())
        .windowSize(WINDOW)
        .leaseDuration(Duration.ofSeconds(5))
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
        .build();
  }

  /** A summary that lists every message folded into it: what it lists was committed. */
  private static final class LedgerSummarizer implements Summarizer {
    @Override
    public Summary summarize(String previousSummary, List<Message> newMessages) {
      String added = String.join(" ", newMessages.stream().map(Message::content).toList());
      return new Summary(
          previousSummary.isEmpty() ? added : previousSummary + " " + added, newMessages.size());
    }

    @Override
    public int inputTokenBudget() {
      return 100_000;
    }
  }
}
