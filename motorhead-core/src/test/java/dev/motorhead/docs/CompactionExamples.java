package dev.motorhead.docs;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryListener;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The examples of docs/compaction.md, verbatim; CompactionExamplesTest runs them. */
final class CompactionExamples {
  private CompactionExamples() {}

  static Memory toolCall(SessionMemory session) {
    // docs: groups
    session.add(Message.builder().role("system").content("Be brief.").pinned(true).build(),
                Message.of("user", "Weather in Oslo?"),
                Message.builder().id("a1").role("assistant").content("called weather(Oslo)")
                    .group("a1", 2).build());
    // the request is not shown until its result is in: no prompt holds it unanswered
    session.add(Message.builder().role("tool").content("12°C").group("a1", 2).build());
    Memory memory = session.memory();
    // memory.pinned(): "Be brief."; memory.messages(): the question, the request, its result
    // end
    return memory;
  }

  static Memory contextAndReplace(SessionMemory session) {
    // docs: atomic writes
    session.addWithContext("The user is Ada, a vegan.",
        List.of(Message.of("Human", "Any dinner ideas?")));          // both, or neither
    session.replace("", List.of(Message.of("Human", "Start over"))); // everything at once
    // end
    return session.memory();
  }

  static AtomicLong listener() {
    // docs: listener
    AtomicLong folded = new AtomicLong();
    MemoryListener listener = new MemoryListener() {
      @Override
      public void compactionCommitted(String sessionId, int messagesFolded, long tokensUsed,
          Duration duration) {
        folded.addAndGet(messagesFolded);
      }
    };
    try (MemoryClient client = MemoryClient.builder().windowSize(4).listener(listener).build()) {
      SessionMemory session = client.session("s1");
      for (int i = 0; i < 5; i++) {
        session.add(Message.of("Human", "message " + i));
      }
      session.compact();                  // or wait: compaction runs in the background
      long waiting = client.compactionBacklog();   // a gauge: messages waiting to be folded
    }
    // end
    return folded;
  }
}
