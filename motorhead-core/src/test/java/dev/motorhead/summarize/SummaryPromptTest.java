package dev.motorhead.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryPromptTest {
  /** A model client of the kind the class comment's example has in mind. */
  static final class MyModel {
    final List<String> systemMessages = new ArrayList<>();
    final List<String> userMessages = new ArrayList<>();

    String chat(String system, String user) {
      systemMessages.add(system);
      userMessages.add(user);
      return "The user is planning a vegan dinner. ";
    }

    long lastTokenUsage() {
      return 42;
    }
  }

  @Test
  void theClassCommentsSummarizerSendsThePromptAndItsReplyBecomesTheSummary() {
    MyModel myModel = new MyModel();
    Summarizer summarizer = (previousSummary, newMessages) -> {
      String reply = myModel.chat(SummaryPrompt.SYSTEM,
          SummaryPrompt.userMessage(previousSummary, newMessages));
      return new Summary(reply.strip(), myModel.lastTokenUsage());
    };
    try (MemoryClient client = MemoryClient.builder().summarizer(summarizer).windowSize(2).build()) {
      SessionMemory session = client.session("s");
      session.add(Message.of("user", "I want a vegan dinner"), Message.of("assistant", "Curry?"),
          Message.of("user", "Yes"));
      session.compact();

      assertThat(session.memory().summary()).hasValue("The user is planning a vegan dinner.");
    }
    assertThat(myModel.systemMessages).containsOnly(SummaryPrompt.SYSTEM);
    assertThat(myModel.userMessages.get(0)).isEqualTo(
        "Current summary:\n(none)\n\nNew lines of conversation:\n"
            + "user: I want a vegan dinner\nassistant: Curry?");
  }

  @Test
  void theUserMessageShowsTheCurrentSummaryStrippedThenEveryNewLineOldestFirst() {
    String text = SummaryPrompt.userMessage("  The user likes tea.\n",
        List.of(Message.of("Human", "And coffee"), Message.of("AI", "Noted")));

    assertThat(text).isEqualTo("Current summary:\nThe user likes tea.\n\n"
        + "New lines of conversation:\nHuman: And coffee\nAI: Noted");
  }
}
