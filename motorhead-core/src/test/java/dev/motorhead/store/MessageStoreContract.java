package dev.motorhead.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageStore} must have. Extend it in a store's test module,
 * create the store under test in {@link #createStore(Duration)}, and say how time passes for it
 * in {@link #elapse(Duration)}. Published in motorhead-core's test-jar.
 */
public abstract class MessageStoreContract {
  /** The TTL and lease lengths the expiry tests use; override for a slow store. */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  private static final Duration LONG = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final String NS = MessageStore.DEFAULT_NAMESPACE;

  private final List<MessageStore> created = new ArrayList<>();

  /**
   * A fresh store, sharing no data with any other store this test created.
   *
   * @param sessionTtl sessions not written for this long expire; {@code null} for never
   */
  protected abstract MessageStore newStore(Duration sessionTtl);

  /**
   * Lets {@code d} pass for the store: move the fake clock of an in-memory store, or really
   * wait for a server that keeps its own time.
   */
  protected abstract void elapse(Duration d);

  protected final MessageStore createStore(Duration sessionTtl) {
    MessageStore s = newStore(sessionTtl);
    created.add(s);
    return s;
  }

  protected final MessageStore store() {
    return createStore(null);
  }

  @AfterEach
  void closeStores() {
    created.forEach(MessageStore::close);
  }

  protected static Message msg(String role, String content) {
    return Message.builder()
        .role(role)
        .content(content)
        .createdAt(T0)
        .tokenCount(content.length() + 1)
        .build();
  }

  private static List<Message> numbered(String prefix, int n) {
    List<Message> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(msg(i % 2 == 0 ? "Human" : "AI", prefix + i));
    }
    return list;
  }

  private static List<String> contents(SessionState s) {
    return s.messages().stream().map(Message::content).toList();
  }

  private static String token() {
    return UUID.randomUUID().toString();
  }

  // ---- append and read ----

  @Test
  public void appendKeepsMessagesInOrderOldestFirst() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 3), T0).join();
    store.append("s", NS, numbered("n", 2), T0).join();

    assertThat(contents(store.read("s", Integer.MAX_VALUE).join()))
        .containsExactly("m0", "m1", "m2", "n0", "n1");
  }

  @Test
  public void appendReturnsTheCountAndTokensOfTheWholeSession() {
    MessageStore store = store();
    AppendResult first = store.append("s", NS, List.of(msg("AI", "abc")), T0).join();
    AppendResult second = store.append("s", NS, List.of(msg("AI", "de"), msg("AI", "")), T0).join();

    assertThat(first).isEqualTo(new AppendResult(1, 4));
    assertThat(second).isEqualTo(new AppendResult(3, 4 + 3 + 1));
  }

  @Test
  public void aRetriedOrReplayedAppendWithTheSameIdsIsStoredOnce() {
    MessageStore store = store();
    List<Message> batch = List.of(
        msg("Human", "question").toBuilder().id("id:1 ü").build(),
        msg("AI", "answer").toBuilder().id("id:2 ü").build());
    AppendResult first = store.append("s", NS, batch, T0).join();
    store.append("s", NS, List.of(msg("Human", "next")), T0).join();

    AppendResult replayed = store.append("s", NS, batch, T0).join();

    assertThat(contents(store.read("s", Integer.MAX_VALUE).join()))
        .containsExactly("question", "answer", "next");
    assertThat(replayed.messageCount()).isEqualTo(3);
    assertThat(replayed.messageTokens()).isEqualTo(first.messageTokens() + 5);
  }

  @Test
  public void aReplayIsRecognisedAmongTheLatestAppendsOnly() {
    MessageStore store = store();
    Message early = msg("Human", "early").toBuilder().id("early").build();
    store.append("s", NS, List.of(early), T0).join();
    for (int i = 0; i < SessionWrite.REMEMBERED_APPENDS; i++) {
      store.append("s", NS, List.of(msg("AI", "m" + i)), T0).join();
    }

    store.append("s", NS, List.of(early), T0).join(); // too old to be told from a new append

    assertThat(store.read("s", Integer.MAX_VALUE).join().messageCount())
        .isEqualTo(SessionWrite.REMEMBERED_APPENDS + 2);
  }

  @Test
  public void aSessionThatAnAppendRecreatesWhileItIsDeletedStaysListed() throws Exception {
    MessageStore store = store();
    int sessions = 300;
    for (int i = 0; i < sessions; i++) {
      store.append("race-" + i, "racing", List.of(msg("AI", "first")), T0).join();
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        String id = "race-" + i;
        done.add(pool.submit(() -> store.delete(id).join()));
        done.add(pool.submit(() -> store.append(id, "racing", List.of(msg("AI", "again")),
            T0.plusSeconds(1)).join()));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    java.util.Set<String> listed = new java.util.HashSet<>();
    for (int page = 1; ; page++) {
      List<String> ids = store.sessions("racing", page, 100, SessionOrder.LEAST_RECENT_FIRST).join();
      listed.addAll(ids);
      if (ids.size() < 100) {
        break;
      }
    }
    for (int i = 0; i < sessions; i++) {
      String id = "race-" + i;
      boolean exists = store.read(id, 1).join().messageCount() > 0;
      assertThat(listed.contains(id)).as("%s exists: %s", id, exists).isEqualTo(exists);
    }
  }

  @Test
  public void readWithALimitReturnsTheNewestMessagesOldestFirstAndTheFullCounts() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 10), T0).join();

    SessionState state = store.read("s", 4).join();

    assertThat(contents(state)).containsExactly("m6", "m7", "m8", "m9");
    assertThat(state.messageCount()).isEqualTo(10);
    assertThat(state.messageTokens())
        .isEqualTo(numbered("m", 10).stream().mapToLong(Message::tokenCount).sum());
  }

  @Test
  public void anUnknownSessionReadsAsEmpty() {
    assertThat(store().read("nobody", 10).join()).isEqualTo(SessionState.EMPTY);
  }

  @Test
  public void messagesKeepEveryField() {
    MessageStore store = store();
    Message m =
        Message.builder()
            .id("id-1")
            .role("tool")
            .content("naïve café ☕ \"quoted\" \\ back\nslash 日本語 🚀")
            .createdAt(Instant.parse("2026-01-02T03:04:05.678Z"))
            .tokenCount(42)
            .metadata(Map.of("tool_call_id", "call_1"))
            .build();
    store.append("s", NS, List.of(m), T0).join();

    assertThat(store.read("s", 1).join().messages()).containsExactly(m);
  }

  @Test
  public void groupsAndTheirSizesAreKept() {
    MessageStore store = store();
    Message request =
        Message.builder().id("a1").role("assistant").content("called f()").createdAt(T0)
            .tokenCount(3).group("a1", 2).metadata("tool_calls", "[{\"id\":\"c1\"}]").build();
    Message result =
        Message.builder().role("tool").content("42").createdAt(T0).tokenCount(2)
            .group("a1", 2).build();
    store.append("s", NS, List.of(request, result), T0).join();

    assertThat(store.read("s", 10).join().messages()).containsExactly(request, result);
  }

  // ---- pinned message ----

  private static Message pinned(String content) {
    return Message.builder().role("system").content(content).createdAt(T0)
        .tokenCount(content.length()).pinned(true).metadata("kind", "system").build();
  }

  @Test
  public void aPinnedMessageIsKeptApartFromTheWindowAndItsCounts() {
    MessageStore store = store();
    Message system = pinned("Be brief.");

    AppendResult r = store.append("s", NS, List.of(system, msg("Human", "hi")), T0).join();

    SessionState state = store.read("s", 10).join();
    assertThat(r).isEqualTo(new AppendResult(1, 3));
    assertThat(state.pinned()).isEqualTo(system);
    assertThat(contents(state)).containsExactly("hi");
    assertThat(state.messageCount()).isEqualTo(1);
    assertThat(state.messageTokens()).isEqualTo(3);
  }

  @Test
  public void aPinnedMessageReplacesTheOneBefore() {
    MessageStore store = store();
    store.append("s", NS, List.of(pinned("first"), msg("Human", "a")), T0).join();
    store.append("s", NS, List.of(pinned("second")), T0).join();
    store.append("s", NS, List.of(pinned("second")), T0).join();

    SessionState state = store.read("s", 10).join();
    assertThat(state.pinned().content()).isEqualTo("second");
    assertThat(contents(state)).containsExactly("a");
  }

  @Test
  public void aSessionWithOnlyAPinnedMessageExistsAndIsDeletedWithEverythingElse() {
    MessageStore store = store();
    store.append("s", NS, List.of(pinned("only")), T0).join();

    assertThat(store.read("s", 10).join().pinned().content()).isEqualTo("only");
    assertThat(store.sessions(NS, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("s");
    assertThat(store.delete("s").join()).isTrue();
    assertThat(store.read("s", 10).join()).isEqualTo(SessionState.EMPTY);
  }

  @Test
  public void rolesAreKeptExactlyAsGiven() {
    MessageStore store = store();
    List<String> roles = List.of("Human", "AI", "user", "assistant", "system", "tool", "Custom Role");
    for (String role : roles) {
      store.append("s", NS, List.of(msg(role, "x")), T0).join();
    }
    assertThat(store.read("s", 100).join().messages())
        .extracting(Message::role)
        .containsExactlyElementsOf(roles);
  }

  @Test
  public void concurrentAppendsAreAllKept() throws Exception {
    MessageStore store = store();
    int threads = 4;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  store.append("s", NS, List.of(msg("AI", prefix + i)), T0).join();
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    SessionState state = store.read("s", Integer.MAX_VALUE).join();
    assertThat(state.messageCount()).isEqualTo(threads * perThread);
    assertThat(contents(state)).doesNotHaveDuplicates().hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      // each thread's messages stay in the order that thread appended them
      assertThat(contents(state).stream().filter(c -> c.startsWith(prefix)).toList())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, perThread).mapToObj(i -> prefix + i).toList());
    }
  }

  // ---- lease ----

  @Test
  public void aLeaseIsHeldByOneTokenAtATime() {
    MessageStore store = store();
    String a = token();
    assertThat(store.acquireLease("s", a, LONG).join()).isTrue();
    assertThat(store.acquireLease("s", token(), LONG).join()).isFalse();
    assertThat(store.acquireLease("s", a, LONG).join()).isFalse();
  }

  @Test
  public void leasesOfDifferentSessionsAreIndependent() {
    MessageStore store = store();
    assertThat(store.acquireLease("s1", token(), LONG).join()).isTrue();
    assertThat(store.acquireLease("s2", token(), LONG).join()).isTrue();
  }

  @Test
  public void releaseFreesTheLeaseOnlyForItsHolder() {
    MessageStore store = store();
    String a = token();
    store.acquireLease("s", a, LONG).join();

    store.releaseLease("s", token()).join();
    assertThat(store.acquireLease("s", token(), LONG).join()).isFalse();

    store.releaseLease("s", a).join();
    assertThat(store.acquireLease("s", token(), LONG).join()).isTrue();
  }

  @Test
  public void anExpiredLeaseCanBeTakenByAnotherAndFencesOutTheFormerHolder() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 4), T0).join();
    String old = token();
    store.acquireLease("s", old, shortTtl()).join();

    elapse(shortTtl().multipliedBy(2));

    String fresh = token();
    assertThat(store.acquireLease("s", fresh, LONG).join()).isTrue();
    List<String> ids = store.read("s", 100).join().messages().stream().map(Message::id).toList();
    assertThat(store.renewLease("s", old, LONG).join()).isFalse();
    assertThat(store.commit("s", new Compaction(old, ids.subList(0, 2), "stale", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
    assertThat(store.commit("s", new Compaction(fresh, ids.subList(0, 2), "fresh", 1)).join())
        .isEqualTo(CommitResult.COMMITTED);
    assertThat(store.read("s", 100).join().summary()).isEqualTo("fresh");
  }

  @Test
  public void anExpiredLeaseThatNobodyTookIsHeldByNobody() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 4), T0).join();
    String old = token();
    store.acquireLease("s", old, shortTtl()).join();
    List<String> ids = store.read("s", 100).join().messages().stream().map(Message::id).toList();

    elapse(shortTtl().multipliedBy(2));

    assertThat(store.commit("s", new Compaction(old, ids.subList(0, 2), "late", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
    assertThat(store.renewLease("s", old, LONG).join()).isFalse();
    assertThat(contents(store.read("s", 100).join())).hasSize(4);
  }

  @Test
  public void renewingKeepsTheLeaseBeyondItsFirstTtl() {
    MessageStore store = store();
    String a = token();
    store.acquireLease("s", a, shortTtl()).join();
    assertThat(store.renewLease("s", a, LONG).join()).isTrue();

    elapse(shortTtl().multipliedBy(2));

    assertThat(store.acquireLease("s", token(), LONG).join()).isFalse();
    assertThat(store.renewLease("s", token(), LONG).join()).isFalse();
  }

  // ---- commit ----

  @Test
  public void commitRemovesTheOldestMessagesAndWritesTheSummary() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 6);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();

    CommitResult result =
        store.commit("s", new Compaction(t, List.of(ms.get(0).id(), ms.get(1).id()), "sum", 7))
            .join();

    SessionState state = store.read("s", 100).join();
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(contents(state)).containsExactly("m2", "m3", "m4", "m5");
    assertThat(state.summary()).isEqualTo("sum");
    assertThat(state.summarizerTokensUsed()).isEqualTo(7);
    assertThat(state.messageCount()).isEqualTo(4);
    assertThat(state.messageTokens())
        .isEqualTo(ms.subList(2, 6).stream().mapToLong(Message::tokenCount).sum());
  }

  @Test
  public void commitAddsTokensAndKeepsTheSummaryWhenGivenNone() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 4);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();
    store.commit("s", new Compaction(t, List.of(ms.get(0).id()), "first", 5)).join();

    assertThat(store.commit("s", new Compaction(t, List.of(ms.get(1).id()), null, 3)).join())
        .isEqualTo(CommitResult.COMMITTED);

    SessionState state = store.read("s", 100).join();
    assertThat(state.summary()).isEqualTo("first");
    assertThat(state.summarizerTokensUsed()).isEqualTo(8);
    assertThat(contents(state)).containsExactly("m2", "m3");
  }

  @Test
  public void commitIsRefusedWithoutTheLease() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 4);
    store.append("s", NS, ms, T0).join();

    assertThat(store.commit("s", new Compaction(token(), List.of(ms.get(0).id()), "x", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
    store.acquireLease("s", token(), LONG).join();
    assertThat(store.commit("s", new Compaction(token(), List.of(ms.get(0).id()), "x", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
    assertThat(store.read("s", 100).join().messageCount()).isEqualTo(4);
    assertThat(store.read("s", 100).join().summary()).isNull();
  }

  @Test
  public void commitIsRefusedWhenTheOldestMessagesAreNotTheOnesRead() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 4);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();

    // skipping the oldest, wrong order, an unknown id, more ids than messages
    List<List<String>> wrong =
        List.of(
            List.of(ms.get(1).id()),
            List.of(ms.get(1).id(), ms.get(0).id()),
            List.of(ms.get(0).id(), "unknown"),
            List.of(ms.get(0).id(), ms.get(1).id(), ms.get(2).id(), ms.get(3).id(), "extra"));
    for (List<String> ids : wrong) {
      assertThat(store.commit("s", new Compaction(t, ids, "x", 1)).join())
          .as("%s", ids)
          .isEqualTo(CommitResult.SESSION_CHANGED);
    }
    SessionState state = store.read("s", 100).join();
    assertThat(contents(state)).containsExactly("m0", "m1", "m2", "m3");
    assertThat(state.summary()).isNull();
    assertThat(state.summarizerTokensUsed()).isZero();
  }

  @Test
  public void commitCanFoldEveryMessage() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 3);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();

    assertThat(
            store.commit("s", new Compaction(t, ms.stream().map(Message::id).toList(), "all", 1))
                .join())
        .isEqualTo(CommitResult.COMMITTED);

    SessionState state = store.read("s", 100).join();
    assertThat(state.messages()).isEmpty();
    assertThat(state.messageCount()).isZero();
    assertThat(state.messageTokens()).isZero();
    assertThat(state.summary()).isEqualTo("all");
  }

  // ---- summary (context) ----

  @Test
  public void replaceSummarySetsTheContextOfANewOrExistingSession() {
    MessageStore store = store();
    store.replaceSummary("new", NS, "preloaded", T0).join();
    store.append("old", NS, numbered("m", 2), T0).join();
    store.replaceSummary("old", NS, "replaced", T0).join();

    assertThat(store.read("new", 10).join().summary()).isEqualTo("preloaded");
    assertThat(store.read("old", 10).join().summary()).isEqualTo("replaced");
    assertThat(contents(store.read("old", 10).join())).containsExactly("m0", "m1");
    assertThat(store.sessions(NS, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactlyInAnyOrder("new", "old");
  }

  @Test
  public void replaceSummaryRevokesALeaseSoAnInFlightCompactionCannotOverwriteIt() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 4);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();

    store.replaceSummary("s", NS, "user context", T0).join();

    assertThat(store.commit("s", new Compaction(t, List.of(ms.get(0).id()), "old+m0", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
    assertThat(store.read("s", 10).join().summary()).isEqualTo("user context");
    assertThat(store.read("s", 10).join().messageCount()).isEqualTo(4);
  }

  // ---- atomic writes ----

  @Test
  public void aWriteWithASummaryReplacesItAndAppendsInOneStep() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 2), T0).join();

    AppendResult r =
        store.write("s", NS, SessionWrite.append(numbered("n", 1)).withSummary("ctx"), T0).join();

    SessionState state = store.read("s", 10).join();
    assertThat(r.messageCount()).isEqualTo(3);
    assertThat(state.summary()).isEqualTo("ctx");
    assertThat(contents(state)).containsExactly("m0", "m1", "n0");
  }

  @Test
  public void aWriteCanRemoveTheSummary() {
    MessageStore store = store();
    store.replaceSummary("s", NS, "old", T0).join();

    store.write("s", NS, SessionWrite.append(numbered("m", 1)).withSummary(null), T0).join();

    SessionState state = store.read("s", 10).join();
    assertThat(state.summary()).isNull();
    assertThat(contents(state)).containsExactly("m0");
  }

  @Test
  public void aWriteReplacingMessagesDropsTheWindowAndThePinnedMessageFirst() {
    MessageStore store = store();
    store.append("s", NS, List.of(pinned("old prompt"), msg("Human", "old")), T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();
    List<String> oldIds =
        store.read("s", 10).join().messages().stream().map(Message::id).toList();

    AppendResult r =
        store.write("s", NS,
            SessionWrite.append(List.of(pinned("new prompt"), msg("Human", "new")))
                .withSummary("kept")
                .replacingMessages(),
            T0).join();

    SessionState state = store.read("s", 10).join();
    assertThat(r).isEqualTo(new AppendResult(1, 4));
    assertThat(state.pinned().content()).isEqualTo("new prompt");
    assertThat(contents(state)).containsExactly("new");
    assertThat(state.summary()).isEqualTo("kept");
    assertThat(state.messageTokens()).isEqualTo(4);
    assertThat(store.commit("s", new Compaction(t, oldIds, "stale", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
  }

  @Test
  public void aWriteReplacingMessagesWithNoneLeavesAnEmptyWindow() {
    MessageStore store = store();
    store.append("s", NS, List.of(pinned("p"), msg("Human", "x")), T0).join();

    store.write("s", NS, new SessionWrite(List.of(), true, false, null), T0).join();

    SessionState state = store.read("s", 10).join();
    assertThat(state.pinned()).isNull();
    assertThat(state.messages()).isEmpty();
    assertThat(state.messageCount()).isZero();
  }

  @Test
  public void aPlainAppendLeavesTheLeaseToTheCompactor() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 3);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();

    store.append("s", NS, List.of(pinned("p"), msg("Human", "later")), T0).join();

    assertThat(store.commit("s", new Compaction(t, List.of(ms.get(0).id()), "sum", 1)).join())
        .isEqualTo(CommitResult.COMMITTED);
  }

  // ---- delete ----

  @Test
  public void deleteRemovesEverythingOfTheSessionAndNothingElse() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 4);
    store.append("s", "ns1", ms, T0).join();
    store.append("s", "ns2", numbered("x", 1), T0).join();
    store.append("other", "ns1", numbered("o", 2), T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();
    store.commit("s", new Compaction(t, List.of(ms.get(0).id()), "sum", 9)).join();

    assertThat(store.delete("s").join()).isTrue();

    assertThat(store.read("s", 100).join()).isEqualTo(SessionState.EMPTY);
    assertThat(store.sessions("ns1", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("other");
    assertThat(store.sessions("ns2", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();
    assertThat(store.acquireLease("s", token(), LONG).join()).isTrue();
    assertThat(contents(store.read("other", 100).join())).containsExactly("o0", "o1");
  }

  @Test
  public void deleteOfAnUnknownSessionReturnsFalse() {
    assertThat(store().delete("nobody").join()).isFalse();
  }

  @Test
  public void aCompactionInFlightCannotCommitAfterItsSessionWasDeleted() {
    MessageStore store = store();
    List<Message> ms = numbered("m", 4);
    store.append("s", NS, ms, T0).join();
    String t = token();
    store.acquireLease("s", t, LONG).join();

    store.delete("s").join();

    assertThat(store.commit("s", new Compaction(t, List.of(ms.get(0).id()), "ghost", 1)).join())
        .isEqualTo(CommitResult.LEASE_LOST);
    assertThat(store.read("s", 100).join()).isEqualTo(SessionState.EMPTY);
    assertThat(store.sessions(NS, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();
  }

  @Test
  public void aDeletedSessionCanBeWrittenAgainFromScratch() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 3), T0).join();
    store.replaceSummary("s", NS, "old", T0).join();
    store.delete("s").join();

    AppendResult r = store.append("s", NS, List.of(msg("AI", "again")), T0).join();

    assertThat(r.messageCount()).isEqualTo(1);
    SessionState state = store.read("s", 10).join();
    assertThat(contents(state)).containsExactly("again");
    assertThat(state.summary()).isNull();
  }

  // ---- TTL ----

  @Test
  public void aSessionNotWrittenForItsTtlExpiresEverywhere() {
    MessageStore store = createStore(shortTtl());
    store.append("s", "ns", numbered("m", 2), T0).join();
    store.replaceSummary("s", "ns", "sum", T0).join();

    elapse(shortTtl().multipliedBy(2));

    assertThat(store.read("s", 10).join()).isEqualTo(SessionState.EMPTY);
    assertThat(store.sessions("ns", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();
  }

  @Test
  public void writingASessionRestartsItsTtl() {
    Duration ttl = shortTtl().multipliedBy(3);
    MessageStore store = createStore(ttl);
    store.append("s", NS, numbered("m", 1), T0).join();

    elapse(shortTtl().multipliedBy(2));
    store.append("s", NS, numbered("n", 1), T0).join();
    elapse(shortTtl().multipliedBy(2));

    assertThat(contents(store.read("s", 10).join())).containsExactly("m0", "n0");
  }

  @Test
  public void withoutATtlSessionsDoNotExpire() {
    MessageStore store = store();
    store.append("s", NS, numbered("m", 1), T0).join();

    elapse(shortTtl().multipliedBy(2));

    assertThat(contents(store.read("s", 10).join())).containsExactly("m0");
  }

  // ---- listing ----

  @Test
  public void sessionsAreListedByLastActivityInEitherOrder() {
    MessageStore store = store();
    store.append("b", NS, numbered("m", 1), T0.plusSeconds(2)).join();
    store.append("a", NS, numbered("m", 1), T0.plusSeconds(1)).join();
    store.append("c", NS, numbered("m", 1), T0.plusSeconds(3)).join();
    store.append("a", NS, numbered("m", 1), T0.plusSeconds(4)).join();

    assertThat(store.sessions(NS, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("b", "c", "a");
    assertThat(store.sessions(NS, 1, 10, SessionOrder.MOST_RECENT_FIRST).join())
        .containsExactly("a", "c", "b");
  }

  @Test
  public void sessionListingsArePaged() {
    MessageStore store = store();
    for (int i = 0; i < 25; i++) {
      store.append(String.format("s%02d", i), NS, numbered("m", 1), T0.plusSeconds(i)).join();
    }

    assertThat(store.sessions(NS, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .hasSize(10)
        .startsWith("s00");
    assertThat(store.sessions(NS, 3, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("s20", "s21", "s22", "s23", "s24");
    assertThat(store.sessions(NS, 4, 10, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();
    assertThat(store.sessions(NS, 1, 100, SessionOrder.MOST_RECENT_FIRST).join())
        .hasSize(25)
        .startsWith("s24");
  }

  @Test
  public void namespacesKeepSeparateIndexes() {
    MessageStore store = store();
    store.append("a", "team-1", numbered("m", 1), T0).join();
    store.append("b", "team-2", numbered("m", 1), T0).join();
    store.append("c", NS, numbered("m", 1), T0).join();

    assertThat(store.sessions("team-1", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("a");
    assertThat(store.sessions("team-2", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("b");
    assertThat(store.sessions(NS, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("c");
    assertThat(store.sessions("nobody", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();
  }

  @Test
  public void listingRejectsAPageBelowOneAndASizeOutsideOneToAHundred() {
    MessageStore store = store();
    assertThatThrownBy(() -> store.sessions(NS, 0, 10, SessionOrder.LEAST_RECENT_FIRST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page");
    assertThatThrownBy(() -> store.sessions(NS, 1, 101, SessionOrder.LEAST_RECENT_FIRST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
  }

  // ---- session ids ----

  /** Ids that break naive key building: separators, glob and hash-tag characters, prefixes. */
  protected static List<String> adversarialIds() {
    return List.of(
        "a", "a}", "{a}", "a{", "}a{", "{", "}", "{}", "a:b", "a:b:messages", "a}:messages",
        "a:messages", "*", "a*", "?", "[a-z]", "[", "]", "\na", "a\nb", "a\n", " a ", "a b",
        "sessions", "session:a", "mh:{a}:messages", "-", "日本語", "🚀", "ä", "a\\b", "%2F",
        "a/b", "x".repeat(1000), "x".repeat(999) + "}");
  }

  @Test
  public void sessionIdsWithAnyCharactersNeverShareData() {
    MessageStore store = store();
    List<String> ids = adversarialIds();
    for (String id : ids) {
      store.append(id, "ns:" + id, List.of(msg("AI", "content of " + id)), T0).join();
      store.replaceSummary(id, "ns:" + id, "summary of " + id, T0).join();
    }
    for (String id : ids) {
      SessionState state = store.read(id, 10).join();
      assertThat(contents(state)).as("messages of %s", id).containsExactly("content of " + id);
      assertThat(state.summary()).as("summary of %s", id).isEqualTo("summary of " + id);
      assertThat(store.sessions("ns:" + id, 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
          .as("index of %s", id)
          .containsExactly(id);
    }
    assertThat(store.sessions(NS, 1, 100, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();

    // leases are per id too
    for (String id : ids) {
      assertThat(store.acquireLease(id, token(), LONG).join()).as("lease of %s", id).isTrue();
    }

    // deleting each in turn leaves all the others intact
    for (int i = 0; i < ids.size(); i++) {
      assertThat(store.delete(ids.get(i)).join()).as("delete %s", ids.get(i)).isTrue();
      for (int j = i + 1; j < ids.size(); j++) {
        assertThat(contents(store.read(ids.get(j), 10).join()))
            .as("%s after deleting %s", ids.get(j), ids.get(i))
            .containsExactly("content of " + ids.get(j));
      }
    }
  }

  @Test
  public void sessionIdsAreComparedExactlyNotByPattern() {
    MessageStore store = store();
    store.append("a*", NS, numbered("star", 1), T0).join();
    store.append("ab", NS, numbered("ab", 1), T0).join();

    store.delete("a*").join();

    assertThat(contents(store.read("ab", 10).join())).containsExactly("ab0");
  }

  protected static Instant millis(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS);
  }
}
