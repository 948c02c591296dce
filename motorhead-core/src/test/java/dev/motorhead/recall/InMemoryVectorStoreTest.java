package dev.motorhead.recall;

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
}
