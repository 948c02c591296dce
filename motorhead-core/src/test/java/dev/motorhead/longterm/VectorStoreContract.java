package dev.motorhead.longterm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorStore} must do: exact search, sessions isolated whatever their ids,
 * idempotent puts, delete. Extend it with a fresh store per test.
 */
public abstract class VectorStoreContract {
  /** Session ids that break naive key building or query syntax. */
  public static final List<String> ADVERSARIAL_IDS =
      List.of("a}", "a", "{a}", "*", "{x}", "x", "-", "a:b", "%7D", "a%", "ünïcødé-東京-🚀",
          "line\nbreak", " a ", "a*", "@a", "a b");

  protected VectorStore store;
  private final Random random = new Random(42);

  /** A new, empty store. */
  protected abstract VectorStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected float[] randomVector(int dims) {
    float[] v = new float[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  protected List<VectorEntry> randomEntries(int n, int dims) {
    List<VectorEntry> entries = new ArrayList<>(n);
    Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
    for (int i = 0; i < n; i++) {
      entries.add(new VectorEntry("m" + i, i % 2 == 0 ? "Human" : "AI", "message " + i,
          t.plusMillis(i), randomVector(dims)));
    }
    return entries;
  }

  protected List<SearchHit> search(String session, float[] query, int k) {
    return store.nearest(session, query, k).join();
  }

  protected void put(String session, List<VectorEntry> entries) {
    sessionExists(session);
    store.put(session, entries).join();
  }

  /**
   * Makes sure the session exists before vectors are put, for stores that keep vectors only
   * for live sessions; nothing by default.
   */
  protected void sessionExists(String sessionId) {}

  /** The ids of the k entries nearest to the query by cosine distance, nearest first. */
  protected static List<String> bruteForceIds(List<VectorEntry> entries, float[] query, int k) {
    Map<VectorEntry, Double> distance = new IdentityHashMap<>();
    entries.forEach(e -> distance.put(e, Nearest.cosineDistance(query, e.vector())));
    return entries.stream()
        .sorted(Comparator.comparingDouble(distance::get))
        .limit(k)
        .map(VectorEntry::messageId)
        .toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void searchIsExactAgainstBruteForceCosineOnRandomVectors(int k) {
    List<VectorEntry> entries = randomEntries(600, 96);
    for (int from = 0; from < entries.size(); from += 50) {
      put("s", entries.subList(from, from + 50));
    }
    for (int q = 0; q < 20; q++) {
      float[] query = randomVector(96);
      List<SearchHit> hits = search("s", query, k);

      assertThat(hits).extracting(SearchHit::messageId)
          .containsExactlyElementsOf(bruteForceIds(entries, query, k));
      for (SearchHit hit : hits) {
        VectorEntry e = entries.get(Integer.parseInt(hit.messageId().substring(1)));
        assertThat(hit.distance()).isCloseTo(Nearest.cosineDistance(query, e.vector()),
            within(1e-9));
      }
    }
  }

  @Test
  void hitsComeNearestFirstWithCosineDistancesBetweenZeroAndTwo() {
    float[] x = {1, 0, 0, 0};
    put("s", List.of(
        entry("opposite", new float[] {-2, 0, 0, 0}),
        entry("same", new float[] {3, 0, 0, 0}),
        entry("orthogonal", new float[] {0, 1, 0, 0}),
        entry("diagonal", new float[] {1, 1, 0, 0})));

    List<SearchHit> hits = search("s", x, 10);

    assertThat(hits).extracting(SearchHit::messageId)
        .containsExactly("same", "diagonal", "orthogonal", "opposite");
    assertThat(hits).extracting(SearchHit::distance)
        .satisfiesExactly(
            d -> assertThat(d).isCloseTo(0.0, within(1e-6)),
            d -> assertThat(d).isCloseTo(1 - Math.sqrt(0.5), within(1e-6)),
            d -> assertThat(d).isCloseTo(1.0, within(1e-6)),
            d -> assertThat(d).isCloseTo(2.0, within(1e-6)));
  }

  @Test
  void aHitCarriesTheMessageExactlyAsIndexed() {
    Instant createdAt = Instant.parse("2026-03-04T05:06:07.890Z");
    put("s", List.of(new VectorEntry("id:{1}\n", "tool", "ünïcødé \"quoted\"\n東京 🚀 : | \\",
        createdAt, new float[] {1, 2, 3, 4})));

    SearchHit hit = search("s", new float[] {1, 2, 3, 4}, 1).get(0);

    assertThat(hit.messageId()).isEqualTo("id:{1}\n");
    assertThat(hit.role()).isEqualTo("tool");
    assertThat(hit.content()).isEqualTo("ünïcødé \"quoted\"\n東京 🚀 : | \\");
    assertThat(hit.createdAt()).isEqualTo(createdAt);
    assertThat(hit.distance()).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void aSessionWithFewerEntriesThanKReturnsThemAllAndAnUnknownOneNothing() {
    put("s", randomEntries(3, 8));

    assertThat(search("s", randomVector(8), 10)).hasSize(3);
    assertThat(search("unknown", randomVector(8), 10)).isEmpty();
  }

  @Test
  void puttingAMessageAgainChangesNothing() {
    List<VectorEntry> entries = randomEntries(5, 8);
    put("s", entries);
    put("s", entries.subList(1, 3));

    assertThat(search("s", randomVector(8), 100)).hasSize(5);
  }

  @Test
  void aSearchNeverReturnsAnotherSessionsMessagesWhateverTheIds() {
    float[] v = {1, 1, 1, 1};
    for (String id : ADVERSARIAL_IDS) {
      put(id, List.of(entry("of " + id, v)));
    }

    for (String id : ADVERSARIAL_IDS) {
      assertThat(search(id, v, 100)).extracting(SearchHit::messageId)
          .as("session %s", id)
          .containsExactly("of " + id);
    }
  }

  @Test
  void deletingASessionRemovesItsVectorsAndNoOtherSessions() {
    float[] v = {1, 1, 1, 1};
    for (String id : ADVERSARIAL_IDS) {
      put(id, List.of(entry("of " + id, v)));
    }

    store.delete("a}").join();
    store.delete("*").join();

    assertThat(search("a}", v, 10)).isEmpty();
    assertThat(search("*", v, 10)).isEmpty();
    for (String id : ADVERSARIAL_IDS) {
      if (!id.equals("a}") && !id.equals("*")) {
        assertThat(search(id, v, 10)).as("session %s", id).hasSize(1);
      }
    }
  }

  @Test
  void aDeletedSessionCanBeIndexedAgain() {
    put("s", List.of(entry("old", new float[] {1, 0})));
    store.delete("s").join();
    put("s", List.of(entry("new", new float[] {1, 0})));

    assertThat(search("s", new float[] {1, 0}, 10)).extracting(SearchHit::messageId)
        .containsExactly("new");
  }

  protected static VectorEntry entry(String id, float[] vector) {
    return new VectorEntry(id, "Human", "content of " + id,
        Instant.parse("2026-01-01T00:00:00Z"), vector);
  }

  protected static String uniqueSession() {
    return "session-" + UUID.randomUUID();
  }
}
