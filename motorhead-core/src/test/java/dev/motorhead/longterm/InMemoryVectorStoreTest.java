package dev.motorhead.longterm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryVectorStoreTest extends VectorStoreContract {

  @Override
  protected VectorStore newStore() {
    return InMemoryVectorStore.create();
  }

  @Test
  void aSessionsVectorsExpireOnceNoneWasPutForTheTtl() {
    MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    VectorStore expiring =
        InMemoryVectorStore.builder().sessionTtl(Duration.ofMinutes(10)).clock(clock).build();
    float[] v = {1, 0};
    expiring.put("s", List.of(entry("first", v))).join();
    clock.advance(Duration.ofMinutes(9));
    expiring.put("s", List.of(entry("second", v))).join();
    clock.advance(Duration.ofMinutes(9));

    assertThat(expiring.nearest("s", v, 10).join()).hasSize(2);

    clock.advance(Duration.ofMinutes(1));

    assertThat(expiring.nearest("s", v, 10).join()).isEmpty();
  }

  @Test
  void expiredSessionsAreReclaimedEvenIfNothingAsksForThemAgain() {
    MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    InMemoryVectorStore expiring =
        InMemoryVectorStore.builder().sessionTtl(Duration.ofMinutes(10)).clock(clock).build();
    float[] v = {1, 0};
    for (int i = 0; i < 100; i++) {
      expiring.put("old-" + i, List.of(entry("m" + i, v))).join();
    }
    clock.advance(Duration.ofMinutes(11));

    expiring.put("new", List.of(entry("fresh", v))).join();

    assertThat(expiring.heldSessions()).isEqualTo(1);
    assertThat(expiring.nearest("new", v, 10).join()).hasSize(1);
  }

  @Test
  void aSweepWaitsForItsInterval() {
    MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    InMemoryVectorStore expiring = InMemoryVectorStore.builder().sessionTtl(Duration.ofMinutes(1))
        .sweepInterval(Duration.ofMinutes(5)).clock(clock).build();
    float[] v = {1, 0};
    expiring.put("old", List.of(entry("m", v))).join();
    clock.advance(Duration.ofMinutes(2));
    expiring.put("new", List.of(entry("fresh", v))).join();

    assertThat(expiring.heldSessions()).isEqualTo(2); // "old" expired, not yet reclaimed

    clock.advance(Duration.ofMinutes(3));
    expiring.put("newest", List.of(entry("latest", v))).join();

    assertThat(expiring.heldSessions()).isEqualTo(1);
  }
}
