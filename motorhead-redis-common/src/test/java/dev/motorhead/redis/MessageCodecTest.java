package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  @Test
  void aMessageSurvivesEncodingWithEveryField() {
    Message m =
        Message.builder()
            .id("id\n\"1\"")
            .role("tool")
            .content("naïve ☕ \"q\" \\ \u0001 🚀")
            .createdAt(Instant.parse("2026-01-02T03:04:05.678901234Z"))
            .tokenCount(42)
            .metadata("tool_call_id", "call_1")
            .metadata("empty", "")
            .build();

    assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
  }

  @Test
  void theIdComesFirstAndTokensAreANumberForTheCommitScript() {
    Message m = Message.builder().id("x").role("AI").content("c").tokenCount(3).build();

    assertThat(MessageCodec.encode(m))
        .isEqualTo("{\"id\":\"x\",\"role\":\"AI\",\"content\":\"c\",\"tokens\":3}");
  }

  @Test
  void theCreationTimeIsEpochMillisWithNanosOnlyWhenFinerThanAMillisecond() {
    Message exact = Message.builder().id("x").role("AI").content("c")
        .createdAt(Instant.ofEpochMilli(1_767_323_045_678L)).build();
    Message fine = exact.toBuilder().createdAt(Instant.ofEpochSecond(1, 2_000_003)).build();

    assertThat(MessageCodec.encode(exact)).contains("\"createdAt\":1767323045678,")
        .doesNotContain("createdAtNanos");
    assertThat(MessageCodec.encode(fine)).contains("\"createdAt\":1002,\"createdAtNanos\":3,");
  }

  @Test
  void aCreationTimeBeforeTheEpochSurvivesEncoding() {
    Message old = Message.builder().id("x").role("AI").content("c")
        .createdAt(Instant.parse("1969-12-31T23:59:59.123456789Z")).build();

    assertThat(MessageCodec.decode(MessageCodec.encode(old))).isEqualTo(old);
  }

  @Test
  void unknownFieldsWrittenByALaterVersionAreSkipped() {
    Message m =
        MessageCodec.decode(
            "{\"id\":\"x\",\"role\":\"AI\",\"future\":{\"a\":[1,2]},\"content\":\"c\",\"tokens\":1}");

    assertThat(m.content()).isEqualTo("c");
  }

  @Test
  void anyTextSurvivesEncodingControlCharactersQuotesBackslashesAndSurrogatePairsIncluded() {
    Random random = new Random(42);
    String alphabet = "ab \"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f\u2028é東🚀{}[]:,";
    for (int i = 0; i < 2_000; i++) {
      Message.Builder b = Message.builder()
          .id("i" + text(random, alphabet, random.nextInt(12)))
          .role("r" + text(random, alphabet, random.nextInt(6)))
          .content(text(random, alphabet, random.nextInt(60)))
          .createdAt(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)))
          .tokenCount(random.nextInt(10_000))
          .pinned(random.nextInt(4) == 0);
      if (random.nextBoolean()) {
        b.metadata(text(random, alphabet, random.nextInt(5)), text(random, alphabet, random.nextInt(9)));
      }
      Message m = b.build();
      if (!m.pinned() && random.nextInt(3) == 0) {
        m = m.toBuilder().group("g" + text(random, alphabet, random.nextInt(5)), 1 + random.nextInt(4))
            .build();
      }

      assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void elementsAnotherJsonWriterWroteAreReadWithTheirEscapesAndSpacing() {
    Message m = MessageCodec.decode("{ \"id\" : \"x\", \"role\":\"AI\",\"content\":"
        + "\"caf\\u00e9 \\ud83d\\ude80 a\\/b\", \"createdAt\": 5, \"tokens\": 2,"
        + " \"pinned\": false, \"metadata\": {\"k\": \"v\"} }");
    Message compact = MessageCodec.decode("{\"id\":\"x\",\"role\":\"AI\",\"content\":"
        + "\"caf\\u00e9 \\ud83d\\ude80 a\\/b\",\"createdAt\":5,\"tokens\":2,\"metadata\":{\"k\":\"v\"}}");

    assertThat(m.content()).isEqualTo("café 🚀 a/b");
    assertThat(m.metadata()).containsEntry("k", "v");
    assertThat(compact).isEqualTo(m);
  }

  private static String text(Random random, String alphabet, int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      int at = random.nextInt(alphabet.length());
      if (Character.isLowSurrogate(alphabet.charAt(at))) {
        at--;
      }
      b.append(alphabet.charAt(at));
      if (Character.isHighSurrogate(alphabet.charAt(at))) {
        b.append(alphabet.charAt(at + 1));
      }
    }
    return b.toString();
  }
}
