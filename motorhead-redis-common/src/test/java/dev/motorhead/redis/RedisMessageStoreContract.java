package dev.motorhead.redis;

import static org.awaitility.Awaitility.await;

import dev.motorhead.store.MessageStore;
import dev.motorhead.store.MessageStoreContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Core's store contract on a real Redis: each store gets a key prefix of its own, so tests share
 * one server without sharing data, and time passes for real (Redis expires keys on its clock).
 * A driver module extends it with a Redis fixture and says how to build its store.
 */
public abstract class RedisMessageStoreContract extends MessageStoreContract {
  private static final AtomicInteger STORES = new AtomicInteger();

  /** A store of the driver under test on the fixture's Redis, with these options. */
  protected abstract MessageStore newStore(String keyPrefix, Duration sessionTtl);

  @Override
  protected final MessageStore newStore(Duration sessionTtl) {
    return newStore("contract" + STORES.incrementAndGet() + "-" + ProcessHandle.current().pid(),
        sessionTtl);
  }

  @Override
  protected final void elapse(Duration d) {
    await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
  }
}
