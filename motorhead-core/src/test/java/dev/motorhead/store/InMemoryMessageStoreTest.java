package dev.motorhead.store;

import dev.motorhead.testing.MutableClock;
import java.time.Duration;

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
}
