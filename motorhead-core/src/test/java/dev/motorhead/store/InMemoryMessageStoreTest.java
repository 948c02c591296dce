package dev.motorhead.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import dev.motorhead.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMessageStoreTest extends MessageStoreContract {
  private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");

  @Override
  protected MessageStore newStore(Duration sessionTtl) {
    InMemoryMessageStore.Builder b = InMemoryMessageStore.builder().clock(clock);
    if (sessionTtl != null) {
      b.sessionTtl(sessionTtl);
    }
    return b.build();
  }

  @Override
  protected void elapse(Duration d) {
    clock.advance(d);
  }

  @Test
  void expiredSessionsAreReclaimedWithoutBeingReadAgain() {
    InMemoryMessageStore store =
        InMemoryMessageStore.builder().clock(clock).sessionTtl(Duration.ofSeconds(2)).build();
    Instant now = clock.instant();
    for (int i = 0; i < 100; i++) {
      store.append("old-" + i, "", List.of(Message.builder().role("AI").content("x")
          .createdAt(now).tokenCount(1).build()), now).join();
    }
    clock.advance(Duration.ofSeconds(3));

    store.append("new", "", List.of(Message.builder().role("AI").content("y")
        .createdAt(now).tokenCount(1).build()), clock.instant()).join();

    assertThat(store.heldSessions()).isEqualTo(1);
  }
}
