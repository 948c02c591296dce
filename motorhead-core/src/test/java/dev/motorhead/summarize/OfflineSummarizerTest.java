package dev.motorhead.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineSummarizerTest {
  private final OfflineSummarizer summarizer = OfflineSummarizer.create();

  @Test
  void keepsInformativeSentencesWithTheirSpeakerAndDropsSmallTalk() {
    Summary s =
        summarizer.summarize(
            "",
            List.of(
                Message.of("Human", "Hi!"),
                Message.of("Human", "I am flying to Lisbon on 14 March with my daughter Maya."),
                Message.of("AI", "Sure, thanks."),
                Message.of("AI", "Lisbon in March averages 17 degrees; pack a light jacket.")));

    assertThat(s.text())
        .isEqualTo(
            "Human: I am flying to Lisbon on 14 March with my daughter Maya.\n"
                + "AI: Lisbon in March averages 17 degrees; pack a light jacket.");
    assertThat(s.tokensUsed()).isZero();
  }

  @Test
  void buildsOnThePreviousSummaryInOrder() {
    Summary first =
        summarizer.summarize("", List.of(Message.of("Human", "My name is Ada Lovelace.")));
    Summary second =
        summarizer.summarize(
            first.text(), List.of(Message.of("Human", "I prefer vegan food without peanuts.")));

    assertThat(second.text())
        .isEqualTo("Human: My name is Ada Lovelace.\nHuman: I prefer vegan food without peanuts.");
  }

  @Test
  void staysWithinItsTokenBudgetKeepingTheBestSentences() {
    OfflineSummarizer small = OfflineSummarizer.builder().maxSummaryTokens(30).build();
    StringBuilder filler = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      filler.append("We talked about the weather again. ");
    }
    Summary s =
        small.summarize(
            "",
            List.of(
                Message.of("Human", filler.toString()),
                Message.of("Human", "Order 48213 ships to Oslo on Friday.")));

    assertThat(TokenCounter.defaultCounter().count(s.text())).isLessThanOrEqualTo(30);
    assertThat(s.text()).contains("Order 48213 ships to Oslo on Friday.");
  }

  @Test
  void aSingleSentenceLongerThanTheBudgetIsShortenedNotDropped() {
    OfflineSummarizer small = OfflineSummarizer.builder().maxSummaryTokens(20).build();
    String longSentence = "Zebra " + "quantum-lettuce ".repeat(50) + "ended.";
    Summary s = small.summarize("", List.of(Message.of("AI", longSentence)));

    assertThat(s.text()).startsWith("AI: Zebra").endsWith("…");
    assertThat(TokenCounter.defaultCounter().count(s.text())).isLessThanOrEqualTo(20);
  }

  @Test
  void nothingWorthKeepingKeepsThePreviousSummary() {
    Summary s = summarizer.summarize("Human: I live in Oslo.", List.of(Message.of("AI", "OK!")));
    assertThat(s.text()).isEqualTo("Human: I live in Oslo.");

    Summary none = summarizer.summarize("", List.of(Message.of("AI", " ")));
    assertThat(none.hasContent()).isFalse();
  }

  @Test
  void foldedMessagesWithContentNeverLeaveAnEmptySummary() {
    Summary s = summarizer.summarize("", List.of(Message.of("Human", "a"), Message.of("AI", "b")));

    assertThat(s.hasContent()).isTrue();
    assertThat(s.text()).isEqualTo("Human: a\nAI: b");
  }

  @Test
  void aHugeSingleLineIsCutToTheBudgetInTimeLinearInItsLength() {
    String huge = "word ".repeat(40_000); // 200,000 characters, one sentence
    Summary s = OfflineSummarizer.builder().maxSummaryTokens(32).build()
        .summarize("", List.of(Message.of("AI", huge.strip() + " Zanzibar.")));

    assertThat(TokenCounter.defaultCounter().count(s.text())).isLessThanOrEqualTo(32);
    assertThat(s.text()).startsWith("AI: word word").endsWith("…");
  }

  @Test
  void isDeterministic() {
    List<Message> lines =
        List.of(
            Message.of("Human", "Book a table for four at Nopa on Saturday at 7pm."),
            Message.of("AI", "Booked: Nopa, Saturday 7pm, four people, confirmation K7Q2."));
    assertThat(summarizer.summarize("", lines)).isEqualTo(summarizer.summarize("", lines));
  }

  @Test
  void repeatedSentencesAreKeptOnce() {
    Summary s =
        summarizer.summarize(
            "Human: I live in Oslo.", List.of(Message.of("Human", "I live in Oslo.")));
    assertThat(s.text()).isEqualTo("Human: I live in Oslo.");
  }

  @Test
  void theWordRunBoundNeverExceedsTheTrueTokenCount() {
    TokenCounter counter = TokenCounter.defaultCounter();
    for (String text : List.of("", "a", "Human: the capital of Peru is Lima.", "  spaced   out  ",
        "x,y;z 12345678 don't 東京 🚀🚀 e-mail_address", "line\nbreaks\r\nand\ttabs",
        "AI: 2,500 euros (10%) – naïve café")) {
      assertThat(OfflineSummarizer.fewestTokens(text)).as(text)
          .isLessThanOrEqualTo(counter.count(text));
    }
  }

  @Test
  void aContextLineWithoutARoleIsContentFromItsFirstWord() {
    Summary s = summarizer.summarize("Preloaded.", List.of(Message.of("Human", "ping"),
        Message.of("AI", "pong")));

    assertThat(s.text()).contains("Preloaded.");
  }
}
