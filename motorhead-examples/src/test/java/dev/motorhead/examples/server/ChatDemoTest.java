package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatDemoTest {

  @Test
  void theDemoShowsTheWindowEachTurnAndASummaryOnceMessagesLeaveIt() {
    String script = String.join("\n",
        "My name is Ada and I live in Lisbon.",
        "I am learning to play the cello.",
        "My sister Grace visits in June.",
        "What should we cook for Grace?",
        "");

    String output = chat(script);

    assertThat(output).contains("window of 6 messages")
        .contains("you> My sister Grace visits in June." + System.lineSeparator() + "ai > ");
    assertThat(output).contains("(none yet: nothing has left the window)");
    String lastTurn = output.substring(output.lastIndexOf("-- window:"));
    assertThat(lastTurn).contains("Human: What should we cook for Grace?")
        .contains("-- running summary --")
        .contains("Human: My name is Ada and I live in Lisbon.")
        .doesNotContain("(none yet");
    assertThat(output).endsWith("Bye." + System.lineSeparator());
  }

  @Test
  void theDemoEndsCleanlyWhenInputIsClosedAtOnce() {
    assertThat(chat("")).contains("Bye.");
  }

  @Test
  void theDemoEndsOnQuit() {
    String output = chat("hello there\n/quit\nnever read\n");

    assertThat(output).contains("Human: hello there").doesNotContain("never read").contains("Bye.");
  }

  private static String chat(String script) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryClient client =
        MemoryClient.builder().windowSize(6).compactionMode(CompactionMode.SYNC).build()) {
      ChatDemo.run(client, new BufferedReader(new StringReader(script)),
          new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
