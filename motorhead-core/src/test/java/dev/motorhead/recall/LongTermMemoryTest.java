package dev.motorhead.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.Message;
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
        .extracting(Recollection::content)
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

      List<Recollection> hits = memory.search("s", "query " + q, 10);

      assertThat(hits).extracting(Recollection::messageId)
          .containsExactlyElementsOf(VectorStoreContract.bruteForceIds(entries, query, 10));
      assertThat(hits).extracting(Recollection::distance).isSorted();
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
    assertThat(memory.search("s", "blue umbrella", 1)).extracting(Recollection::content)
        .containsExactly("remember the blue umbrella");
  }

  @Test
  void aBatchThatKeepsFailingIsGivenUpAfterMaxAttemptsAndCounted() {
    TestEmbedders.Failing embedder = new TestEmbedders.Failing(3, true);
    LongTermMemory memory = open(LongTermMemory.builder().embedder(embedder).maxAttempts(3));

    memory.index("s", List.of(message("lost"), message("also lost")));
    assertThat(memory.awaitIndexing(WAIT)).isTrue();
    memory.index("s", List.of(message("kept")));
    assertThat(memory.awaitIndexing(WAIT)).isTrue();

    assertThat(memory.failedMessages()).isEqualTo(2);
    assertThat(memory.search("s", "lost kept", 10)).extracting(Recollection::content)
        .containsExactly("kept");
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
    assertThat(memory.search("s", "one two three four", 10)).extracting(Recollection::content)
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
    assertThat(memory.search("s", "after the delete", 10)).extracting(Recollection::content)
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
      public CompletableFuture<List<Recollection>> nearest(String s, float[] q, int k) {
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
