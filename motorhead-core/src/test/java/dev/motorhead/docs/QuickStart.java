package dev.motorhead.docs;

import dev.motorhead.CompactionMode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;

/** The README's quick start, as a newcomer copies it (QuickStartTest runs it). */
public class QuickStart {
  public static void main(String[] args) {
    try (MemoryClient client = MemoryClient.builder()
        .windowSize(4)                          // at most 4 messages verbatim; past that, the oldest fold
        .compactionMode(CompactionMode.SYNC)    // fold inside add(), so the summary shows below
        .build()) {                             // in memory, offline summarizer: no key, no server
      SessionMemory session = client.session("user-42");
      session.add(Message.of("Human", "I want a vegan dinner recipe for Friday."),
                  Message.of("AI", "How about a chickpea curry with coconut milk?"));
      session.add(Message.of("Human", "My sister Alice is allergic to peanuts."),
                  Message.of("AI", "Noted: no peanuts. The curry has none."));
      session.add(Message.of("Human", "Great, thanks!"));

      Memory memory = session.memory();
      System.out.println("Summary of the older messages:");
      System.out.println(memory.summary().orElse("(none yet)"));
      System.out.println("Window, oldest first:");
      for (Message m : memory.messages()) {
        System.out.println("  " + m.role() + ": " + m.content());
      }
    }
  }
}
