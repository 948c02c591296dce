package dev.motorhead.longterm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.Message;
import dev.motorhead.ModelException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongTermMemoryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private LongTermMemory open(LongTermMemory.Builder builder) {
    LongTermMemory memory = builder.retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
    toClose.add(memory);
    return memory;
  }

  private static Message message(String content) {
    return Message.builder().role("Human").content(content).createdAt(Instant.EPOCH).build();
  }

  @Test
  void indexedMessagesAreFoundByTheirWords() {
    LongTermMemory memory = open(LongTermMemory.builder());
    memory.index("s", List.of(message("My sister Alice is allergic to peanuts"),
        message("Let us book the train to Berlin")));

    assertThat(memory.awaitIndexing(WAIT)).isTrue();

    assertThat(memory.search("s", "peanuts allergy", 1))
        .extracting(SearchHit::content)
        .containsExactly("My sister Alice is allergic to peanuts");
    assertThat(memory.indexedMessages()).isEqualTo(2);
  }

  @Test
  void searchIsExactAgainstBruteForceOverTheSessionsMessages() {
    Random random = new Random(7);
    TestEmbedders.Given embedder = new TestEmbedders.Given(32);
    List<Message> messages = new ArrayList<>();
    List<VectorEntry> entries = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      float[] v = new float[32];
      for (int j = 0; j < 32; j++) {
        v[j] = (float) random.nextGaussian();
      }
      Message m = message("text " + i);
      embedder.with(m.content(), v);
      messages.add(m);
      entries.add(VectorEntry.of(m, v));
    }
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).batchSize(17));
    for (int from = 0; from < 300; from += 30) {
      memory.index("s", messages.subList(from, from + 30));
    }
    memory.index("other", List.of(message("text 0")));
    assertThat(memory.awaitIndexing(WAIT)).isTrue();

    for (int q = 0; q < 10; q++) {
      float[] query = new float[32];
      for (int j = 0; j < 32; j++) {
        query[j] = (float) random.nextGaussian();
      }
      embedder.with("query " + q, query);

      List<SearchHit> hits = memory.search("s", "query " + q, 10);

      assertThat(hits).extracting(SearchHit::messageId)
          .containsExactlyElementsOf(VectorStoreContract.bruteForceIds(entries, query, 10));
      assertThat(hits).extracting(SearchHit::distance).isSorted();
    }
  }

  @Test
  void anEmbeddingFailureIsRetriedWithBackoffUntilItRecovers() {
    TestEmbedders.Failing embedder = new TestEmbedders.Failing(3, true);
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder));

    memory.index("s", List.of(message("remember the blue umbrella")));

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(embedder.calls).hasValue(4);
    assertThat(memory.failedMessages()).isZero();
    assertThat(memory.search("s", "blue umbrella", 1)).extracting(SearchHit::content)
        .containsExactly("remember the blue umbrella");
  }

  @Test
  void aTextThatKeepsFailingOfUnknownCauseIsGivenUpAloneAfterMaxAttempts() {
    TestEmbedders.Refusing embedder = TestEmbedders.Refusing.with(
        "poison", () -> new IllegalStateException("cannot embed this (test)"));
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).maxAttempts(3));

    memory.index("s", List.of(message("kept one"), message("poison"), message("kept two")));
    assertThat(memory.awaitIndexing(WAIT)).isTrue();

    assertThat(memory.failedMessages()).isEqualTo(1);
    assertThat(memory.search("s", "kept poison", 10)).extracting(SearchHit::content)
        .containsExactlyInAnyOrder("kept one", "kept two");
  }

  @Test
  void oneTextTheModelRefusesIsIsolatedAndTheRestOfTheCrossSessionBatchIsIndexed() {
    TestEmbedders.Refusing embedder = TestEmbedders.Refusing.with(
        "poison", () -> new ModelException("input too long (test)", 400, false))
        .holdingTheFirstCall();
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder));
    memory.index("blocker", List.of(message("keeps the worker busy")));
    assertThat(awaitLatch(embedder.firstCallStarted)).isTrue();
    for (int i = 0; i < 63; i++) {
      memory.index("session-" + (i % 9), List.of(message("note number " + i)));
    }
    memory.index("session-0", List.of(message("poison")));
    embedder.firstCallMayFinish.countDown(); // the 64 queued texts now go as one batch

    assertThat(memory.awaitIndexing(WAIT)).isTrue();

    assertThat(memory.failedMessages()).isEqualTo(1);
    assertThat(memory.indexedMessages()).isEqualTo(1 + 63);
    // the blocker, the batch of 64, then two halves at each of 6 levels down to the poison
    assertThat(embedder.calls.get()).isEqualTo(1 + 1 + 2 * 6);
    assertThat(memory.search("session-4", "note number 4", 1))
        .extracting(SearchHit::content).containsExactly("note number 4");
  }

  @Test
  void messagesWaitThroughAWrongKeyAndBecomeSearchableOnceItIsFixed() {
    java.util.concurrent.atomic.AtomicBoolean keyFixed =
        new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch refusedThrice = new CountDownLatch(3);
    Embedder embedder = new Embedder() {
      private final LexicalEmbedder lexical = LexicalEmbedder.builder().dimensions(64).build();

      @Override
      public List<float[]> embed(List<String> texts) {
        if (!keyFixed.get()) {
          refusedThrice.countDown();
          throw new ModelException("HTTP 401: invalid api key (test)", 401, false);
        }
        return lexical.embed(texts);
      }

      @Override
      public int dimensions() {
        return 64;
      }
    };
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).maxAttempts(1));
    memory.index("s", List.of(message("the spare key is under the blue pot")));

    assertThat(awaitLatch(refusedThrice)).isTrue();
    assertThat(memory.failedMessages()).isZero();
    assertThat(memory.pendingMessages()).isEqualTo(1);

    keyFixed.set(true);

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.failedMessages()).isZero();
    assertThat(memory.search("s", "spare key", 1)).extracting(SearchHit::content)
        .containsExactly("the spare key is under the blue pot");
  }

  @Test
  void aModelThatIsDownIsWaitedForWithoutGivingUpAnyMessage() {
    TestEmbedders.Failing embedder = new TestEmbedders.Failing(12, true);
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).maxAttempts(3));

    memory.index("s", List.of(message("outage"), message("survivor")));

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.failedMessages()).isZero();
    assertThat(memory.indexedMessages()).isEqualTo(2);
  }

  @Test
  void textsLongerThanTheEmbeddersLimitAreShortenedForTheModelButStoredWhole() {
    String longText = "peanuts ".repeat(500);
    Embedder limited = new Embedder() {
      private final LexicalEmbedder lexical = LexicalEmbedder.builder().dimensions(64).build();

      @Override
      public List<float[]> embed(List<String> texts) {
        for (String t : texts) {
          if (t.length() > 100) {
            throw new ModelException("input longer than 100 characters (test)", 400, false);
          }
        }
        return lexical.embed(texts);
      }

      @Override
      public int dimensions() {
        return 64;
      }

      @Override
      public int maxInputLength() {
        return 100;
      }
    };
    LongTermMemory memory = open(LongTermMemory.builder().embedder(limited));

    memory.index("s", List.of(message(longText)));

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.failedMessages()).isZero();
    assertThat(memory.search("s", "peanuts", 1)).extracting(SearchHit::content)
        .containsExactly(longText);
  }

  @Test
  void shorteningNeverSplitsASurrogatePair() {
    assertThat(EmbeddingLongTermMemory.shortened("ab\uD83D\uDE00cd", 3)).isEqualTo("ab");
    assertThat(EmbeddingLongTermMemory.shortened("abc", 3)).isEqualTo("abc");
  }

  @Test
  void theDefaultVectorStoreTakesTheSessionTtlGiven() throws Exception {
    LongTermMemory memory = open(LongTermMemory.builder().sessionTtl(Duration.ofMillis(200)));
    memory.index("s", List.of(message("expiring soon")));
    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.search("s", "expiring", 1)).hasSize(1);

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> memory.search("s", "expiring", 1).isEmpty());
  }

  @Test
  void anErrorInTheEmbedderIsNotSwallowed() throws InterruptedException {
    CountDownLatch reached = new CountDownLatch(1);
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (e instanceof TestError) {
        reached.countDown();
      }
    });
    try {
      Embedder broken = new Embedder() {
        @Override
        public List<float[]> embed(List<String> texts) {
          throw new TestError();
        }

        @Override
        public int dimensions() {
          return 8;
        }
      };
      LongTermMemory memory = open(LongTermMemory.builder().embedder(broken));

      memory.index("s", List.of(message("x")));

      assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(memory.awaitIndexing(WAIT)).isTrue();
      assertThat(memory.failedMessages()).isZero();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  private static final class TestError extends Error {
    private static final long serialVersionUID = 1L;
  }

  private static boolean awaitLatch(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aFailureTheModelCallsNotRetryableIsGivenUpAtOnce() {
    TestEmbedders.Failing embedder = new TestEmbedders.Failing(1, false);
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder));

    memory.index("s", List.of(message("refused")));

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(embedder.calls).hasValue(1);
    assertThat(memory.failedMessages()).isEqualTo(1);
  }

  @Test
  void anEmbedderReturningVectorsOfTheWrongLengthFailsTheBatchNotTheWorker() {
    Embedder wrong = new Embedder() {
      @Override
      public List<float[]> embed(List<String> texts) {
        return texts.stream().map(t -> new float[3]).toList();
      }

      @Override
      public int dimensions() {
        return 4;
      }
    };
    LongTermMemory memory = open(LongTermMemory.builder().embedder(wrong));

    memory.index("s", List.of(message("x")));

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.failedMessages()).isEqualTo(1);
  }

  @Test
  void indexingNeverBlocksTheCallerAndAFullQueueDropsNewMessagesAndCountsThem()
      throws InterruptedException {
    TestEmbedders.Held embedder = new TestEmbedders.Held();
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).queueCapacity(3));
    memory.index("s", List.of(message("one")));
    assertThat(embedder.awaitStarted()).isTrue();

    memory.index("s", List.of(message("two"), message("three")));
    memory.index("s", List.of(message("four")));

    assertThat(memory.pendingMessages()).isEqualTo(3);
    assertThat(memory.droppedMessages()).isEqualTo(1);
    assertThat(memory.awaitIndexing(Duration.ofMillis(20))).isFalse();

    embedder.release();

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.search("s", "one two three four", 10)).extracting(SearchHit::content)
        .containsExactlyInAnyOrder("one", "two", "three");
  }

  @Test
  void aDeleteDropsTheSessionsQueuedAndInFlightMessagesSoNoneComesBack()
      throws InterruptedException {
    TestEmbedders.Held embedder = new TestEmbedders.Held();
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).batchSize(1));
    memory.index("s", List.of(message("in flight")));
    assertThat(embedder.awaitStarted()).isTrue();
    memory.index("s", List.of(message("queued")));
    memory.index("other", List.of(message("queued elsewhere")));

    memory.delete("s");
    embedder.release();

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.search("s", "in flight queued", 10)).isEmpty();
    assertThat(memory.search("other", "queued", 10)).hasSize(1);

    memory.index("s", List.of(message("after the delete")));
    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.search("s", "after the delete", 10)).extracting(SearchHit::content)
        .containsExactly("after the delete");
  }

  @Test
  void aDeleteWaitsForAPutInFlightAndThenRemovesWhatItWrote() throws Exception {
    CountDownLatch putStarted = new CountDownLatch(1);
    CountDownLatch releasePut = new CountDownLatch(1);
    InMemoryVectorStore inner = InMemoryVectorStore.create();
    VectorStore slow = new VectorStore() {
      @Override
      public CompletableFuture<Void> put(String sessionId, List<VectorEntry> entries) {
        putStarted.countDown();
        try {
          releasePut.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return inner.put(sessionId, entries);
      }

      @Override
      public CompletableFuture<List<SearchHit>> nearest(String s, float[] q, int k) {
        return inner.nearest(s, q, k);
      }

      @Override
      public CompletableFuture<Void> delete(String sessionId) {
        return inner.delete(sessionId);
      }
    };
    LongTermMemory memory = open(LongTermMemory.builder().vectorStore(slow));
    memory.index("s", List.of(message("being written")));
    assertThat(putStarted.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> memory.delete("s"));
    releasePut.countDown();
    delete.get(10, TimeUnit.SECONDS);

    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    assertThat(memory.search("s", "being written", 10)).isEmpty();
  }

  @Test
  void closeDrainsTheQueueAndLeavesAStoreItDidNotCreateOpen() {
    InMemoryVectorStore store = InMemoryVectorStore.create();
    LongTermMemory memory = LongTermMemory.builder().vectorStore(store).batchSize(2).build();
    for (int i = 0; i < 20; i++) {
      memory.index("s", List.of(message("message " + i)));
    }

    memory.close();

    assertThat(memory.pendingMessages()).isZero();
    assertThat(store.nearest("s", new float[LexicalEmbedder.DEFAULT_DIMENSIONS], 100).join())
        .hasSize(20);
  }

  @Test
  void afterCloseIndexingDropsAndSearchingIsRefused() {
    LongTermMemory memory = LongTermMemory.create();
    memory.close();

    memory.index("s", List.of(message("late")));

    assertThat(memory.droppedMessages()).isEqualTo(1);
    assertThatThrownBy(() -> memory.search("s", "late", 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void argumentsAreCheckedAtOnceAndNamed() {
    LongTermMemory memory = open(LongTermMemory.builder());

    assertThatThrownBy(() -> memory.search("s", "q", 101))
        .hasMessage("k must be between 1 and 100, was 101");
    assertThatThrownBy(() -> memory.index(" ", List.of()))
        .hasMessage("sessionId must not be blank, was \" \"");
    assertThatThrownBy(() -> memory.index("s", List.of(Message.of("Human", "no time yet"))))
        .hasMessageContaining("creation time");
    assertThatThrownBy(() -> LongTermMemory.builder().queueCapacity(0))
        .hasMessage("queueCapacity must be >= 1, was 0");
    assertThatThrownBy(() -> LongTermMemory.builder().retryBackoff(Duration.ofSeconds(2),
        Duration.ofSeconds(1))).hasMessageContaining("max backoff must be >= initial backoff");
  }
}
