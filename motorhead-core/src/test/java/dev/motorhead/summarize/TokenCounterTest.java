package dev.motorhead.summarize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.api.EncodingType;
import dev.motorhead.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TokenCounterTest {

  @ParameterizedTest
  @CsvSource({
    "gpt-4o, O200K_BASE",
    "gpt-4o-mini, O200K_BASE",
    "GPT-4o-2024-08-06, O200K_BASE",
    "gpt-4.1-mini, O200K_BASE",
    "gpt-5, O200K_BASE",
    "o1, O200K_BASE",
    "o3-mini, O200K_BASE",
    "o4-mini, O200K_BASE",
    "openai/gpt-4o, O200K_BASE",
    "gpt-3.5-turbo, CL100K_BASE",
    "gpt-35-turbo, CL100K_BASE",
    "gpt-4, CL100K_BASE",
    "gpt-4-turbo, CL100K_BASE",
    "text-embedding-ada-002, CL100K_BASE",
    "llama3.1:8b, O200K_BASE",
  })
  void theEncodingFollowsTheModelName(String model, TokenEncoding expected) {
    assertThat(TokenCounter.forModel(model).encoding()).isEqualTo(expected);
  }

  @Test
  void anEncodingCanBeChosenExplicitly() {
    assertThat(TokenCounter.forEncoding(TokenEncoding.CL100K_BASE).encoding())
        .isEqualTo(TokenEncoding.CL100K_BASE);
  }

  @ParameterizedTest
  @EnumSource(TokenEncoding.class)
  void everyEncodingCountsLikeJtokkitsEncodingOfTheSameName(TokenEncoding encoding) {
    String text = "Chickpea curry, twice a week: the user's favourite dinner.";
    int expected = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
        .getEncoding(EncodingType.fromName(encoding.encodingName()).orElseThrow())
        .countTokensOrdinary(text);

    assertThat(TokenCounter.forEncoding(encoding).count(text)).isEqualTo(expected);
    assertThat(TokenCounter.forEncoding(encoding)).hasToString(
        "TokenCounter{" + encoding.encodingName() + "}");
  }

  @Test
  void countsTokensLikeTheModelsDo() {
    // "hello world" is two tokens in both encodings
    assertThat(TokenCounter.forModel("gpt-4o").count("hello world")).isEqualTo(2);
    assertThat(TokenCounter.forModel("gpt-3.5-turbo").count("hello world")).isEqualTo(2);
    assertThat(TokenCounter.defaultCounter().count("")).isZero();
  }

  @Test
  void specialTokenMarkersAreCountedAsText() {
    assertThat(TokenCounter.defaultCounter().count("<|endoftext|>")).isGreaterThan(1);
  }

  @Test
  void aMessageCountsAsItsRoleAndContentLine() {
    TokenCounter counter = TokenCounter.defaultCounter();
    assertThat(counter.count(Message.of("Human", "hello world")))
        .isEqualTo(counter.count("Human: hello world"));
  }

  @Test
  void aModelNameIsRequired() {
    assertThatThrownBy(() -> TokenCounter.forModel(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model");
  }

  @Test
  void aLongTextIsCountedInSegmentsToExactlyTheWholeTextsCount() {
    com.knuddels.jtokkit.api.Encoding whole = com.knuddels.jtokkit.Encodings
        .newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    StringBuilder b = new StringBuilder();
    java.util.Random random = new java.util.Random(5);
    String[] words = {"the", "Curry", "2,500", "don't", "naïve", "東京", "🚀", "(a)", "x\n", "  "};
    while (b.length() < 60_000) {
      b.append(words[random.nextInt(words.length)]).append(random.nextInt(7) == 0 ? ". " : " ");
    }
    String text = b.toString();

    assertThat(TokenCounter.defaultCounter().count(text))
        .isEqualTo(whole.countTokensOrdinary(text));
  }

  @Test
  void aHugeRunWithoutSpacesIsCountedInLinearTime() {
    String run = "a".repeat(1_000_000);

    int n = TokenCounter.defaultCounter().count(run);

    assertThat(n).isBetween(1_000_000 / 128, 1_000_000);
  }
}
