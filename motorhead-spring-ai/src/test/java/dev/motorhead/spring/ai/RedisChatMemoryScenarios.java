package dev.motorhead.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.spring.ai.testing.ChatClients;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.spring.ai.testing.Scenarios;
import dev.motorhead.spring.ai.testing.WeatherTools;
import dev.motorhead.store.MessageStore;
import dev.motorhead.testing.LedgerSummarizer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

/** Our ChatMemory on a Redis store: what the in-memory tests show, through Redis's codec. */
abstract class RedisChatMemoryScenarios {

  /** A store on the fixture, its keys under the prefix; closed by the test. */
  abstract MessageStore newStore(String keyPrefix);

  @Test
  void everyMessageTypeRoundTripsThroughRedis() {
    try (MessageStore store = newStore("types");
        MemoryClient client = MemoryClient.builder().store(store).windowSize(20).build()) {
      ChatMemory memory = MotorheadChatMemory.create(client);
      SystemMessage system = SystemMessage.builder().text("Be brief.")
          .metadata(Map.of("v", 2L)).build();
      UserMessage user = UserMessage.builder().text("What is this?")
          .media(List.of(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.org/a.png"))))
          .metadata(MessageRoundTripTest.everyKindOfMetadata()).build();
      AssistantMessage request = AssistantMessage.builder().content("Checking.")
          .properties(Map.of("finishReason", "tool_calls"))
          .toolCalls(List.of(new AssistantMessage.ToolCall("c1", "function", "look", "{\"q\":\"a\"}")))
          .build();
      ToolResponseMessage result = ToolResponseMessage.builder()
          .responses(List.of(new ToolResponseMessage.ToolResponse("c1", "look", "a cat")))
          .build();
      AssistantMessage answer = new AssistantMessage("A cat.");

      memory.add("c", List.of(system, user, request));
      memory.add("c", result);
      memory.add("c", answer);
      List<Message> back = memory.get("c");

      assertThat(back).containsExactly(system, user, request, result, answer);
      assertThat(((UserMessage) back.get(1)).getMedia().get(0).getData())
          .isEqualTo("https://example.org/a.png");
    }
  }

  @Test
  void fortyTurnsWithToolCallsThroughChatClientStayValidAfterCompaction() {
    try (MessageStore store = newStore("forty");
        MemoryClient client = MemoryClient.builder().store(store).windowSize(8)
            .compactionMode(CompactionMode.SYNC).summarizer(new LedgerSummarizer()).build()) {
      ChatMemory memory = MotorheadChatMemory.create(client);
      JudgingChatModel model = new JudgingChatModel();

      Scenarios.fortyTurnsWithToolCalls(
          ChatClients.withToolCallsInMemory(model, memory, new WeatherTools()), model, memory, "c", 8);

      assertThat(Scenarios.notExactlyOnce(List.of(client.session("c").memory()),
          Scenarios.fortyTurnLines("c"))).isEmpty();
    }
  }
}
