package dev.motorhead.examples.server;

import dev.motorhead.store.InMemoryMessageStore;

/** An in-memory store that tests subclass to make one operation wait or fail. */
class ForwardingStore extends dev.motorhead.testing.ForwardingStore {
  ForwardingStore() {
    super(InMemoryMessageStore.create());
  }
}
