package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private static final ToolExecutionRequest WEATHER = ToolExecutionRequest.builder()
      .id("call_1").name("get_weather").arguments("{\"city\":\"Oslo\"}").build();

  private static Message stored(ChatMessage m) {
    String readable = MessageCodec.readable(m, null);
    return Message.builder().role(MessageCodec.role(m)).content(readable)
        .metadata(MessageCodec.exact(m, readable)).build();
  }

  @Test
  void everyMessageTypeDecodesEqualToTheOriginal() {
    List<ChatMessage> all = new ArrayList<>(EveryMessageType.conversation());
    all.add(EveryMessageType.SYSTEM);

    for (ChatMessage m : all) {
      assertThat(MessageCodec.decode(stored(m))).as(m.toString()).isEqualTo(m);
    }
  }

  @Test
  void langChain4jsOwnSerializerLosesAttributeTypesWhichIsWhyTheyAreStoredApart() {
    AiMessage withLong = AiMessage.builder().text("t").attributes(Map.of("n", 5L)).build();

    assertThat(ChatMessageDeserializer.messageFromJson(ChatMessageSerializer.messageToJson(withLong)))
        .isNotEqualTo(withLong);
    assertThat(stored(withLong).metadata()).containsOnlyKeys(MessageCodec.EXACT,
        MessageCodec.ATTRIBUTES);
    assertThat(MessageCodec.decode(stored(withLong))).isEqualTo(withLong);
  }

  @Test
  void aMessageThatIsOnlyItsTextIsStoredWithoutJson() {
    List<ChatMessage> plain = List.of(SystemMessage.from("Be brief."), UserMessage.from("hi"),
        UserMessage.from(""), AiMessage.from("hello"), AiMessage.builder().text("built").build());
    List<ChatMessage> notPlain = List.of(UserMessage.from("ada", "hi"),
        AiMessage.builder().text("t").thinking("hmm").build(), AiMessage.builder().build(),
        UserMessage.from(TextContent.from("a"), TextContent.from("b")));

    for (ChatMessage m : plain) {
      assertThat(stored(m).metadata()).as(m.toString())
          .containsExactly(Map.entry(MessageCodec.EXACT, MessageCodec.PLAIN));
      assertThat(MessageCodec.decode(stored(m))).isEqualTo(m);
    }
    for (ChatMessage m : notPlain) {
      assertThat(stored(m).metadata().get(MessageCodec.EXACT)).as(m.toString())
          .isNotEqualTo(MessageCodec.PLAIN);
      assertThat(MessageCodec.decode(stored(m))).isEqualTo(m);
    }
  }

  @Test
  void theSummarizerReadsToolCallsAsCallsWithTheirArgumentsAndOutcome() {
    ToolExecutionResultMessage result = ToolExecutionResultMessage.from(WEATHER, "12°C");
    ToolExecutionResultMessage failed = ToolExecutionResultMessage.builder().id("call_1")
        .toolName("get_weather").text("city unknown").isError(true).build();

    assertThat(MessageCodec.readable(AiMessage.from("Checking.", List.of(WEATHER)), null))
        .isEqualTo("Checking.\ncalls get_weather({\"city\":\"Oslo\"})");
    assertThat(MessageCodec.readable(result, WEATHER))
        .isEqualTo("called get_weather({\"city\":\"Oslo\"}) -> 12°C");
    assertThat(MessageCodec.readable(failed, WEATHER))
        .isEqualTo("called get_weather({\"city\":\"Oslo\"}) -> error: city unknown");
    assertThat(MessageCodec.readable(result, null)).isEqualTo("get_weather -> 12°C");
  }

  @Test
  void theSummarizerReadsMediaAsPlaceholdersNeverAsTheirData() {
    UserMessage m = UserMessage.from(TextContent.from("what is this?"),
        ImageContent.from("https://example.com/cat.png"),
        ImageContent.from("A".repeat(4096), "image/png"));

    assertThat(MessageCodec.readable(m, null))
        .isEqualTo("what is this?\n[image: https://example.com/cat.png]\n[image: image/png, 3 KB]");
    assertThat(MessageCodec.readable(UserMessage.from("ada", "hi"), null)).isEqualTo("ada: hi");
  }

  @Test
  void messagesOtherClientsWroteComeBackByTheirRole() {
    assertThat(MessageCodec.decode(Message.of("system", "Be brief."))).isEqualTo(
        SystemMessage.from("Be brief."));
    assertThat(MessageCodec.decode(Message.of("AI", "Hello."))).isEqualTo(AiMessage.from("Hello."));
    assertThat(MessageCodec.decode(Message.of("assistant", "Hi."))).isEqualTo(AiMessage.from("Hi."));
    assertThat(MessageCodec.decode(Message.of("Human", "Hey"))).isEqualTo(UserMessage.from("Hey"));
    assertThat(MessageCodec.decode(Message.of("tool", "{}"))).isEqualTo(UserMessage.from("{}"));
  }

  @Test
  void rolesAreTheOpenAiStyleOnes() {
    assertThat(List.of(SystemMessage.from("s"), UserMessage.from("u"), AiMessage.from("a"),
            ToolExecutionResultMessage.from(WEATHER, "r")))
        .extracting(MessageCodec::role)
        .containsExactly("system", "user", "assistant", "tool");
  }
}
