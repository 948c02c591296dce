package dev.motorhead.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One of every LangChain4j message type and content kind, in an order a provider accepts. */
final class EveryMessageType {
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  private EveryMessageType() {}

  static final SystemMessage SYSTEM = SystemMessage.from("You are a careful assistant. Ünïcödé ✓");

  /** Everything but the system message, oldest first: each tool request followed by its results. */
  static List<ChatMessage> conversation() {
    List<ChatMessage> all = new ArrayList<>();
    all.add(UserMessage.from("Plain text, with \"quotes\", {braces}, a\nnewline and 東京"));
    all.add(UserMessage.builder().name("ada").contents(List.of(TextContent.from("named")))
        .attributes(attributes()).build());
    all.add(UserMessage.from(
        TextContent.from("look at these"),
        ImageContent.from("https://example.com/cat.png"),
        ImageContent.from("https://example.com/dog.png", ImageContent.DetailLevel.HIGH),
        ImageContent.from(PNG, "image/png"),
        AudioContent.from("https://example.com/talk.mp3"),
        AudioContent.from("UklGRg==", "audio/wav"),
        AudioContent.from(Audio.builder().binaryData(new byte[] {1, 2, 3}).mimeType("audio/wav")
            .build()),
        VideoContent.from("https://example.com/clip.mp4"),
        VideoContent.from("AAAAGGZ0eXA=", "video/mp4"),
        PdfFileContent.from("https://example.com/report.pdf"),
        PdfFileContent.from("JVBERi0xLjQ=", "application/pdf")));
    all.add(AiMessage.builder()
        .text("Let me check two things.")
        .thinking("The user wants the weather and the time.")
        .toolExecutionRequests(List.of(
            ToolExecutionRequest.builder().id("call_1").name("get_weather")
                .arguments("{\"city\":\"Oslo\"}").build(),
            ToolExecutionRequest.builder().id("call_2").name("get_time")
                .arguments("{}").build()))
        .attributes(Map.of("thinking_signature", "sig-abc"))
        .build());
    all.add(ToolExecutionResultMessage.from("call_1", "get_weather", "12°C"));
    all.add(ToolExecutionResultMessage.builder().id("call_2").toolName("get_time")
        .contents(List.of(TextContent.from("a clock:"), ImageContent.from(PNG, "image/png")))
        .isError(true)
        .attributes(Map.of("elapsed_ms", 42L))
        .build());
    all.add(AiMessage.builder()
        .text("It is 12°C in Oslo; here is a picture.")
        .thinking("Done.")
        .attributes(attributes())
        .build());
    all.add(AiMessage.from(ToolExecutionRequest.builder().id("call_3").name("no_arguments")
        .build()));
    all.add(ToolExecutionResultMessage.from("call_3", "no_arguments", ""));
    all.add(new CustomMessage(attributes()));
    all.add(AiMessage.builder().build()); // neither text nor tool calls, as some models answer
    return all;
  }

  /** Attribute values of every type the store keeps exactly. */
  private static Map<String, Object> attributes() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("a", 1);
    nested.put("b", List.of("x", 2L));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("string", "s");
    a.put("int", 1);
    a.put("long", 5_000_000_000L);
    a.put("smallLong", 5L);
    a.put("double", 1.5);
    a.put("float", 2.5f);
    a.put("boolean", true);
    a.put("short", (short) 3);
    a.put("byte", (byte) 4);
    a.put("bigInteger", new BigInteger("123456789012345678901234567890"));
    a.put("bigDecimal", new BigDecimal("1.50"));
    a.put("char", 'c');
    a.put("null", null);
    a.put("list", List.of(1, "two", 3.0));
    a.put("set", new LinkedHashSet<>(List.of("p", "q")));
    a.put("map", nested);
    a.put(AiMessage.GENERATED_IMAGES_KEY, List.of(
        Image.builder().base64Data(PNG).mimeType("image/png").revisedPrompt("a dot").build(),
        Image.builder().url("https://example.com/generated.png").build()));
    return a;
  }
}
