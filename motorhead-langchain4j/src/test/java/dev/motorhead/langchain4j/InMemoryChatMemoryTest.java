package dev.motorhead.langchain4j;

import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;

/** The chat memory scenarios on the in-memory store. */
class InMemoryChatMemoryTest extends ChatMemoryScenarios {
  @Override
  protected MessageStore newStore() {
    return InMemoryMessageStore.create();
  }
}
