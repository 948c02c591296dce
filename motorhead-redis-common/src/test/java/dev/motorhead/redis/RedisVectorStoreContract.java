package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.motorhead.CompactionMode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.VectorEntry;
import dev.motorhead.longterm.VectorStore;
import dev.motorhead.longterm.VectorStoreContract;
import dev.motorhead.redis.testing.RespClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisVectorStore} on a driver: the {@link VectorStoreContract}, plus what Redis adds
 * (vectors live only with their session, expire and are deleted with it, exact at 1,536
 * dimensions, end to end through {@link MemoryClient}). Driver modules extend its fixtures,
 * {@link RedisVectorStoreStandaloneContract} and {@link RedisVectorStoreClusterContract}.
 */
public abstract class RedisVectorStoreContract extends VectorStoreContract {
  protected static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  protected final List<RedisMessageStore> messageStores = new ArrayList<>();
  protected RedisMessageStore messages;

  /** A message store of the driver under test; {@code sessionTtl} may be null. */
  protected abstract RedisMessageStore newMessageStore(String keyPrefix, Duration sessionTtl);

  /** A raw client on the server holding every key, or null for a cluster. */
  protected abstract RespClient raw();

  protected RedisMessageStore messageStore(Duration sessionTtl) {
    RedisMessageStore s = newMessageStore("rv" + PREFIXES.incrementAndGet(), sessionTtl);
    messageStores.add(s);
    return s;
  }

  @Override
  protected VectorStore newStore() {
    messages = messageStore(null);
    return RedisVectorStore.create(messages);
  }

  @AfterEach
  void closeMessageStores() {
    messageStores.forEach(RedisMessageStore::close);
  }

  @Override
  protected void sessionExists(String sessionId) {
    append(messages, sessionId, "hello");
  }

  protected static void append(RedisMessageStore store, String sessionId, String content) {
    Message m = Message.builder().role("Human").content(content).createdAt(NOW).tokenCount(1)
        .build();
    store.append(sessionId, "", List.of(m), NOW).join();
  }

  @Test
  void vectorsAreNotWrittenForASessionThatDoesNotExist() {
    store.put("never-written", List.of(entry("m", new float[] {1, 0}))).join();

    assertThat(search("never-written", new float[] {1, 0}, 10)).isEmpty();
  }

  @Test
  void deletingTheSessionDeletesItsVectors() {
    put("s", List.of(entry("m", new float[] {1, 0})));
    put("t", List.of(entry("m", new float[] {1, 0})));

    messages.delete("s").join();

    assertThat(search("s", new float[] {1, 0}, 10)).isEmpty();
    assertThat(search("t", new float[] {1, 0}, 10)).hasSize(1);
    store.put("s", List.of(entry("late", new float[] {1, 0}))).join();
    assertThat(search("s", new float[] {1, 0}, 10)).isEmpty();
  }

  @Test
  void vectorsTakeTheSessionTtlAndExpireWithIt() {
    RedisMessageStore expiring = messageStore(Duration.ofSeconds(2));
    VectorStore vectors = RedisVectorStore.create(expiring);
    append(expiring, "s", "hello");
    vectors.put("s", List.of(entry("m", new float[] {1, 0}))).join();

    assertThat(vectors.nearest("s", new float[] {1, 0}, 10).join()).hasSize(1);
    if (raw() != null) {
      for (String key : expiring.keyLayout().recallKeys("s").subList(0, 3)) {
        assertThat((Long) raw().call("PTTL", key)).as(key).isBetween(1L, 2000L);
      }
    }

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(vectors.nearest("s", new float[] {1, 0}, 10).join()).isEmpty());
    if (raw() != null) {
      for (String key : expiring.keyLayout().sessionKeys("s")) {
        assertThat((Long) raw().call("EXISTS", key)).as(key).isZero();
      }
    }
  }

  @Test
  void searchIsExactAt1536DimensionsOverAThousandMessages() {
    List<VectorEntry> entries = randomEntries(1000, 1536);
    for (int from = 0; from < entries.size(); from += 100) {
      put("big", entries.subList(from, from + 100));
    }

    for (int q = 0; q < 20; q++) {
      float[] query = randomVector(1536);
      List<String> expected = bruteForceIds(entries, query, 10);

      assertThat(search("big", query, 10)).extracting(SearchHit::messageId)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void searchIsExactEvenWhereTheRoundedCodesMisorderMoreVectorsThanTheFirstFetchReads() {
    // 40 decoys whose codes look nearer than the true nearest (see VectorCodecTest): more than
    // the max(4k, k + 32) candidates the first fetch reads for k = 1 and k = 2
    List<VectorEntry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(entry("decoy-" + i, new float[] {1, 0.0060f + i * 1e-6f, 0.0060f}));
    }
    entries.add(entry("truest", new float[] {1, 0.0080f, 0}));
    entries.add(entry("second", new float[] {1, 0.0082f, 0}));
    put("misordered", entries);
    float[] query = {1, 0, 0};

    assertThat(search("misordered", query, 1)).extracting(SearchHit::messageId)
        .containsExactly("truest");
    assertThat(search("misordered", query, 2)).extracting(SearchHit::messageId)
        .containsExactly("truest", "second");
    assertThat(search("misordered", query, 3)).extracting(SearchHit::messageId)
        .containsExactlyElementsOf(bruteForceIds(entries, query, 3));
  }

  @Test
  void longTermMemoryThroughTheClientReachesMessagesFoldedIntoTheSummary() {
    try (LongTermMemory longTerm =
            LongTermMemory.builder().vectorStore(RedisVectorStore.create(messages)).build();
        MemoryClient client = MemoryClient.builder()
            .store(messages)
            .longTermMemory(longTerm)
            .windowSize(2)
            .compactionMode(CompactionMode.SYNC)
            .build()) {
      SessionMemory session = client.session("user-{42}:*");
      session.add(Message.of("Human", "My sister Alice is allergic to peanuts."));
      session.add(Message.of("AI", "Noted."), Message.of("Human", "Book a table for Friday."));
      session.add(Message.of("AI", "Done."));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(10))).isTrue();

      Memory memory = session.memory();
      List<SearchHit> hits = session.search("is Alice allergic", 1);

      assertThat(memory.messages()).extracting(Message::content)
          .doesNotContain("My sister Alice is allergic to peanuts.");
      assertThat(hits).extracting(SearchHit::content)
          .containsExactly("My sister Alice is allergic to peanuts.");

      session.delete();

      assertThat(session.search("is Alice allergic", 10)).isEmpty();
    }
  }
}
