package dev.motorhead.docs;

import dev.motorhead.CompactionMode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryException;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.OfflineSummarizer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The examples of docs/configuration.md, verbatim; ConfigurationExamplesTest runs them. */
final class ConfigurationExamples {
  private ConfigurationExamples() {}

  static Memory everySetting() {
    // docs: every setting
    MessageStore store = InMemoryMessageStore.builder()
        .sessionTtl(Duration.ofHours(24))       // sessions not written for a day expire
        .build();
    try (MemoryClient client = MemoryClient.builder()
        .store(store)                            // in memory by default
        .summarizer(OfflineSummarizer.builder().maxSummaryTokens(300).build())
        .windowSize(12)                          // messages kept verbatim
        .maxWindowTokens(4_000)                  // and at most this many tokens of them
        .compactionMode(CompactionMode.ASYNC)    // fold in the background (the default)
        .compactionThreads(2)
        .leaseDuration(Duration.ofMinutes(2))
        .retryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5))
        .closeTimeout(Duration.ofSeconds(10))
        .build()) {
      SessionMemory session = client.session("user-42");
      session.add(Message.of("Human", "Hello"), Message.of("AI", "Hi! How can I help?"));
      return session.memory();
    } finally {
      store.close();                             // a store you pass in is yours to close
    }
    // end
  }

  static List<Message> asyncForms(MemoryClient client) {
    // docs: async
    SessionMemory session = client.session("user-42");
    CompletableFuture<Memory> memory =
        session.addAsync(List.of(Message.of("user", "Where is my order?")))
            .thenCompose(added -> session.memoryAsync());
    return memory.join().messages();
    // end
  }

  static String errors(MemoryClient client) {
    // docs: errors
    try {
      client.session(" ");                       // a bad argument: nothing is written
    } catch (IllegalArgumentException e) {
      return e.getMessage();                     // "sessionId must not be blank, was \" \""
    } catch (MemoryException e) {
      throw e;                                   // a store or model failure (never here)
    }
    // end
    return null;
  }
}
