package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.docs.QuickStart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quick start, run as written: it prints a summary and the window. */
class QuickStartTest {

  @Test
  void theQuickStartPrintsTheSummaryOfTheOldMessagesAndTheWindow() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(out);
    }

    String text = printed.toString(StandardCharsets.UTF_8);
    String summary = text.substring(0, text.indexOf("Window, oldest first:"));
    String window = text.substring(text.indexOf("Window, oldest first:"));
    assertThat(summary).startsWith("Summary of the older messages:")
        .contains("vegan dinner recipe", "chickpea curry", "Alice is allergic to peanuts")
        .doesNotContain("(none yet)");
    assertThat(window.split("\\R")).containsExactly("Window, oldest first:",
        "  AI: Noted: no peanuts. The curry has none.", "  Human: Great, thanks!");
    assertThat(text.strip()).as("what the README says it prints").isEqualTo(readmeOutput());
  }

  /** The README's block after "It prints". */
  private static String readmeOutput() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(
        java.nio.file.Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    int at = readme.indexOf("```\n", readme.indexOf("It prints")) + 4;
    return readme.substring(at, readme.indexOf("```", at)).strip();
  }
}
