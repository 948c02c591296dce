package dev.motorhead.docs;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.longterm.InMemoryVectorStore;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.longterm.SearchHit;
import java.time.Duration;
import java.util.List;

/** The in-memory example of docs/long-term-memory.md, verbatim. */
final class LongTermMemoryExamples {
  private LongTermMemoryExamples() {}

  static List<SearchHit> inMemory() {
    // docs: in memory
    try (LongTermMemory longTerm = LongTermMemory.builder()
             .embedder(LexicalEmbedder.create())         // the default: offline, lexical
             .vectorStore(InMemoryVectorStore.create())   // the default
             .build();
         MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
      SessionMemory session = client.session("user-42:thread-7");
      session.add(Message.of("Human", "My sister Alice is allergic to peanuts."));
      longTerm.awaitIndexing(Duration.ofSeconds(5));     // indexing is asynchronous
      return session.search("is Alice allergic", 5);    // k: 1 to 100, default 10
      // each hit: messageId(), role(), content(), createdAt(), distance()
    }
    // end
  }
}
