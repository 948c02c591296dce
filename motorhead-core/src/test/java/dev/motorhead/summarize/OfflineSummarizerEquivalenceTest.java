package dev.motorhead.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The offline summarizer writes the summaries it wrote before its regular expressions and
 * per-line caches were replaced: every summary of thousands of random conversations equals the
 * one {@link ReferenceOfflineSummarizer} (the former code, unchanged) writes, compaction after
 * compaction, with the summary of one call fed to the next as a compactor does.
 */
class OfflineSummarizerEquivalenceTest {
  private static final String[] WORDS = {
    "Lisbon", "March", "daughter", "Maya", "vegan", "curry", "chickpeas", "peanuts", "Alice",
    "allergic", "12,000", "euros", "14", "10:30", "Thursday", "Bob", "the", "a", "and", "is",
    "ok", "thanks", "it's", "don't", "e-mail", "naïve", "café", "東京", "İstanbul", "ΟΔΟΣ",
    "straße", "K7Q2", "3.5", "x", "I", "we", "pack", "jacket", "rain", "Riesling", "9", "°C",
    "well-known", "O'Brien", "’quoted’", "snake_case", "🚀", "Ǆemal"
  };
  private static final String[] GLUE = {
    " ", " ", " ", " ", ", ", ". ", "! ", "? ", ".\n", "\n", "\r\n", "\n\n", ".\t", ". \u2028",
    "\u0085", "\u2029", ". \u000B", "?\f", "  ", ".  ", ";", ":", " - ", "...", ".\u00A0", "\u3000"
  };
  private static final String[] ROLES = {"Human", "AI", "user", "assistant", "tool", "system"};

  @Test
  void everySummaryOfManyRandomConversationsIsTheOneTheFormerCodeWrote() {
    Random random = new Random(20261202);
    for (int budget : new int[] {16, 40, 256}) {
      OfflineSummarizer current = OfflineSummarizer.builder().maxSummaryTokens(budget).build();
      ReferenceOfflineSummarizer former =
          ReferenceOfflineSummarizer.builder().maxSummaryTokens(budget).build();
      for (int conversation = 0; conversation < 150; conversation++) {
        String summary = random.nextInt(5) == 0 ? text(random, 1 + random.nextInt(4)) : "";
        for (int compaction = 0; compaction < 6; compaction++) {
          List<Message> folded = new ArrayList<>();
          for (int i = 1 + random.nextInt(8); i > 0; i--) {
            folded.add(Message.of(ROLES[random.nextInt(ROLES.length)],
                text(random, random.nextInt(7))));
          }

          Summary expected = former.summarize(summary, folded);
          Summary actual = current.summarize(summary, folded);

          assertThat(actual).as("budget %d, summary %s, folding %s", budget, summary, folded)
              .isEqualTo(expected);
          summary = expected.text();
        }
      }
    }
  }

  @Test
  void sentencesAndLinesSplitWhereTheFormerPatternsSplitThem() {
    Pattern sentences = Pattern.compile("(?<=[.!?])\\s+|\\R+");
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String text = text(random, random.nextInt(6));
      List<String> expected = new ArrayList<>();
      for (String piece : sentences.split(text)) {
        if (!piece.isBlank()) {
          expected.add("r: " + piece.strip());
        }
      }
      List<String> expectedLines = new ArrayList<>();
      for (String line : text.split("\\R")) {
        if (!line.isBlank()) {
          expectedLines.add(line.strip());
        }
      }
      List<String> actual = new ArrayList<>();
      List<String> actualLines = new ArrayList<>();

      OfflineSummarizer.split(text, true, "r: ", actual);
      OfflineSummarizer.split(text, false, "", actualLines);

      assertThat(actual).as("sentences of %s", text).isEqualTo(expected);
      assertThat(actualLines).as("lines of %s", text).isEqualTo(expectedLines);
    }
  }

  /** Sentences of random words and separators, some of them neither spaces nor ASCII. */
  private static String text(Random random, int sentences) {
    StringBuilder b = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      for (int w = 1 + random.nextInt(12); w > 0; w--) {
        b.append(WORDS[random.nextInt(WORDS.length)]);
        b.append(w == 1 || random.nextInt(6) == 0 ? GLUE[random.nextInt(GLUE.length)] : " ");
      }
    }
    return b.toString();
  }
}
