package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import java.time.Instant;
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
}
