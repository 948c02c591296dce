package dev.motorhead.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

class MessageRoundTripTest {
  private final MemoryClient client = MemoryClient.builder().windowSize(40).build();
  private final MotorheadChatMemory memory = MotorheadChatMemory.create(client);

  @AfterEach
  void close() {
    client.close();
  }

  static Map<String, Object> everyKindOfMetadata() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("score", 0.25d);
    nested.put("labels", List.of("a", "b"));
    Map<String, Object> m = new HashMap<>();
    m.put("id", "chatcmpl-42");
    m.put("index", 3);
    m.put("created", 1_700_000_000_000L);
    m.put("ratio", 0.5f);
    m.put("exact", new BigDecimal("12.3400"));
    m.put("flag", true);
    m.put("nothing", null);
    m.put("kind", MessageType.TOOL);
    m.put("nested", nested);
    m.put("list", new ArrayList<>(List.of(1, 2L, "three")));
    return m;
  }

  @Test
  void aUserMessageWithMediaAndMetadataComesBackEqualWithEqualMedia() {
    Media png = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2, 3})
        .name("photo.png").id("file-1").build();
    Media byUrl = new Media(MimeTypeUtils.IMAGE_JPEG, URI.create("https://example.org/cat.jpg"));
    UserMessage sent = UserMessage.builder().text("What is in these pictures?")
        .media(List.of(png, byUrl)).metadata(everyKindOfMetadata()).build();

    memory.add("c", sent);
    UserMessage back = (UserMessage) memory.get("c").get(0);

    assertThat(back).isEqualTo(sent);
    assertThat(back.getMetadata()).isEqualTo(sent.getMetadata());
    assertThat(back.getMedia()).hasSize(2);
    assertThat(back.getMedia().get(0).getDataAsByteArray()).containsExactly(1, 2, 3);
    assertThat(back.getMedia().get(0).getName()).isEqualTo("photo.png");
    assertThat(back.getMedia().get(0).getId()).isEqualTo("file-1");
    assertThat(back.getMedia().get(0).getMimeType()).isEqualTo(MimeTypeUtils.IMAGE_PNG);
    assertThat(back.getMedia().get(1).getData()).isEqualTo("https://example.org/cat.jpg");
    assertThat(back.getMedia().get(1).getName()).isEqualTo(byUrl.getName());
    assertThat(back.getMedia().get(1).getId()).isNull();
  }

  @Test
  void anAssistantMessageWithToolCallsAndItsResultsComeBackEqualAndInOrder() {
    AssistantMessage request = AssistantMessage.builder()
        .content(null)
        .properties(everyKindOfMetadata())
        .toolCalls(List.of(
            new AssistantMessage.ToolCall("call_1", "function", "weather", "{\"city\":\"Oslo\"}"),
            new AssistantMessage.ToolCall("call_2", "function", "time", "{}")))
        .build();
    ToolResponseMessage results = ToolResponseMessage.builder()
        .responses(List.of(
            new ToolResponseMessage.ToolResponse("call_1", "weather", "12°C"),
            new ToolResponseMessage.ToolResponse("call_2", "time", "10:00")))
        .metadata(Map.of("source", "tools"))
        .build();
    UserMessage question = new UserMessage("Weather and time in Oslo?");
    AssistantMessage answer = new AssistantMessage("12°C at 10:00.");

    memory.add("c", List.of(question, request));
    memory.add("c", results);
    memory.add("c", answer);

    assertThat(memory.get("c")).containsExactly(question, request, results, answer);
  }

  @Test
  void toolResultsAddedOneByOneComeBackAsTheyWereAdded() {
    AssistantMessage request = AssistantMessage.builder().content("")
        .toolCalls(List.of(
            new AssistantMessage.ToolCall("a", "function", "weather", "{}"),
            new AssistantMessage.ToolCall("b", "function", "weather", "{}")))
        .build();
    ToolResponseMessage first = ToolResponseMessage.builder()
        .responses(List.of(new ToolResponseMessage.ToolResponse("a", "weather", "rain"))).build();
    ToolResponseMessage second = ToolResponseMessage.builder()
        .responses(List.of(new ToolResponseMessage.ToolResponse("b", "weather", "snow"))).build();

    memory.add("c", request);
    memory.add("c", first);
    memory.add("c", second);

    assertThat(memory.get("c")).containsExactly(request, first, second);
  }

  @Test
  void aToolRequestIsShownOnlyToTheThreadRunningItsToolsUntilItsResultsAreStored()
      throws Exception {
    AssistantMessage request = AssistantMessage.builder().content("")
        .toolCalls(List.of(new AssistantMessage.ToolCall("x", "function", "weather", "{}")))
        .build();
    memory.add("c", List.of(new UserMessage("weather?"), request));

    List<Message> seenElsewhere = new ArrayList<>();
    Thread other = new Thread(() -> seenElsewhere.addAll(memory.get("c")));
    other.start();
    other.join();

    assertThat(memory.get("c")).containsExactly(new UserMessage("weather?"), request);
    assertThat(seenElsewhere).containsExactly(new UserMessage("weather?"));

    ToolResponseMessage result = ToolResponseMessage.builder()
        .responses(List.of(new ToolResponseMessage.ToolResponse("x", "weather", "fog"))).build();
    Thread answering = new Thread(() -> memory.add("c", result)); // results may come on any thread
    answering.start();
    answering.join();
    List<Message> afterwards = new ArrayList<>();
    Thread reader = new Thread(() -> afterwards.addAll(memory.get("c")));
    reader.start();
    reader.join();

    assertThat(afterwards).containsExactly(new UserMessage("weather?"), request, result);
    assertThat(memory.get("c")).containsExactly(new UserMessage("weather?"), request, result);
  }

  @Test
  void aToolResultWithoutAKnownRequestIsKeptOutOfPrompts() {
    memory.add("c", new UserMessage("hi"));
    memory.add("c", ToolResponseMessage.builder()
        .responses(List.of(new ToolResponseMessage.ToolResponse("nobody-asked", "weather", "rain")))
        .build());
    memory.add("c", new AssistantMessage("hello"));

    assertThat(memory.get("c")).containsExactly(new UserMessage("hi"), new AssistantMessage("hello"));
  }

  @Test
  void aSystemMessageIsPinnedFirstAndADifferentOneReplacesIt() {
    SystemMessage first = SystemMessage.builder().text("Be brief.")
        .metadata(Map.of("version", 1)).build();
    memory.add("c", List.of(first, new UserMessage("hi")));
    memory.add("c", List.of(new AssistantMessage("hello"), first));

    assertThat(memory.get("c"))
        .containsExactly(first, new UserMessage("hi"), new AssistantMessage("hello"));

    SystemMessage second = new SystemMessage("Be thorough.");
    memory.add("c", second);

    assertThat(memory.get("c"))
        .containsExactly(second, new UserMessage("hi"), new AssistantMessage("hello"));
  }

  @Test
  void getShowsTheSystemMessageThenTheSummaryThenTheWindowOldestFirst() {
    MemoryClient small =
        MemoryClient.builder().windowSize(4).compactionMode(CompactionMode.SYNC).build();
    try {
      MotorheadChatMemory chat = MotorheadChatMemory.create(small);
      chat.add("c", new SystemMessage("You are a travel agent."));
      for (int i = 1; i <= 3; i++) {
        chat.add("c", List.of(new UserMessage("I want to visit Lisbon number " + i + "."),
            new AssistantMessage("Lisbon is lovely in spring " + i + ".")));
      }

      List<Message> got = chat.get("c");

      assertThat(got.get(0)).isEqualTo(new SystemMessage("You are a travel agent."));
      assertThat(got.get(1)).isInstanceOf(SystemMessage.class);
      assertThat(got.get(1).getText()).startsWith(MotorheadChatMemory.DEFAULT_SUMMARY_PREFIX)
          .contains("Lisbon");
      assertThat(got.subList(2, got.size())).containsExactly(
          new UserMessage("I want to visit Lisbon number 3."),
          new AssistantMessage("Lisbon is lovely in spring 3."));
    } finally {
      small.close();
    }
  }

  @Test
  void theSummaryMessageCanBeAUserMessage() {
    MemoryClient small =
        MemoryClient.builder().windowSize(2).compactionMode(CompactionMode.SYNC).build();
    try {
      MotorheadChatMemory chat = MotorheadChatMemory.builder(small)
          .summaryMessage(s -> new UserMessage("Earlier: " + s)).build();
      chat.add("c", List.of(new UserMessage("My name is Ada."), new AssistantMessage("Hi Ada.")));
      chat.add("c", List.of(new UserMessage("I live in Oslo."), new AssistantMessage("Nice.")));

      assertThat(chat.get("c").get(0)).isInstanceOf(UserMessage.class);
      assertThat(chat.get("c").get(0).getText()).startsWith("Earlier: ").contains("Ada");
    } finally {
      small.close();
    }
  }

  @Test
  void aMessageTheCallerChangesDoesNotChangeWhatIsRemembered() {
    memory.add("c", UserMessage.builder().text("hi").metadata(Map.of("k", "v")).build());

    memory.get("c").get(0).getMetadata().put("k", "changed by an advisor");

    assertThat(memory.get("c").get(0).getMetadata()).containsEntry("k", "v");
  }

  @Test
  void clearDeletesTheConversation() {
    memory.add("c", new UserMessage("hi"));
    memory.add("other", new UserMessage("hello"));

    memory.clear("c");

    assertThat(memory.get("c")).isEmpty();
    assertThat(memory.get("other")).containsExactly(new UserMessage("hello"));
  }

  @Test
  void theSummarizerReadsAPlainRenderingOfEachMessage() {
    dev.motorhead.Message call = MessageConverter.assistant(AssistantMessage.builder()
        .content("Let me check.")
        .toolCalls(List.of(new AssistantMessage.ToolCall(
            "c1", "function", "get_weather", "{\"city\":\"Oslo\"}")))
        .build(), "id-1");
    List<dev.motorhead.Message> result = MessageConverter.toolResponses(
        ToolResponseMessage.builder().responses(List.of(
            new ToolResponseMessage.ToolResponse("c1", "get_weather", "12°C"))).build(),
        java.util.Collections.singletonList(new MessageConverter.Group("id-1", 2)));
    dev.motorhead.Message photo = MessageConverter.user(UserMessage.builder().text("Look")
        .media(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1})
            .name("photo.png").build()).build());

    assertThat(call.content()).isEqualTo("Let me check.\ncalled get_weather({\"city\":\"Oslo\"})");
    assertThat(call.role()).isEqualTo("assistant");
    assertThat(call.groupId()).contains("id-1");
    assertThat(call.groupSize()).isEqualTo(2);
    assertThat(result.get(0).content()).isEqualTo("get_weather -> 12°C");
    assertThat(result.get(0).role()).isEqualTo("tool");
    assertThat(result.get(0).groupId()).contains("id-1");
    assertThat(photo.content()).isEqualTo("Look\n[image/png: photo.png]");
  }

  @Test
  void badArgumentsAreRejectedNamingTheArgument() {
    assertThatThrownBy(() -> memory.add(" ", List.of(new UserMessage("x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId");
    assertThatThrownBy(() -> memory.get(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId");
    List<Message> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> memory.add("c", withNull))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messages[0]");
    assertThatThrownBy(() -> MotorheadChatMemory.builder(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client");
  }
}
