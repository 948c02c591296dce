package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.longterm.LongTermMemory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The usage examples of the public types' Javadoc, run as written with scripted models. */
class UsageExamplesTest {
  interface Assistant {
    String chat(@MemoryId String userId, @UserMessage String message);
  }

  @Test
  void chatMemoryExample() {
    try (MemoryClient client = MemoryClient.create()) {
      ChatMemory memory = MotorheadChatMemory.builder()
          .id("user-42")
          .memoryClient(client)
          .build();

      memory.add(dev.langchain4j.data.message.UserMessage.from("hi"));
      assertThat(memory.messages()).hasSize(1);
    }
  }

  @Test
  void chatMemoryProviderExample() {
    ChatModel model = new DocsExampleTest.HelloModel();
    try (MemoryClient client = MemoryClient.create()) {
      Assistant assistant = AiServices.builder(Assistant.class)
          .chatModel(model)
          .chatMemoryProvider(MotorheadChatMemoryProvider.builder().memoryClient(client).build())
          .build();
      assistant.chat("user-42", "Hello!");

      assertThat(client.session("user-42").memory().messages()).hasSize(2);
    }
  }

  @Test
  void summarizerExample() {
    ChatModel model = new DocsExampleTest.HelloModel();
    MemoryClient client = MemoryClient.builder()
        .summarizer(ChatModelSummarizer.builder()
            .chatModel(model)
            .inputTokenBudget(8_000)
            .maxOutputTokens(512)
            .build())
        .build();

    try (client) {
      for (int i = 0; i < 13; i++) {
        client.session("s").add(Message.of("user", "line " + i));
      }
      client.session("s").compact();
      assertThat(client.session("s").memory().summary()).hasValue("Ada eats only vegan food.");
    }
  }

  @Test
  void embedderExample() {
    EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
    try (LongTermMemory longTerm = LongTermMemory.builder()
             .embedder(EmbeddingModelEmbedder.create(model))
             .build();
         MemoryClient client = MemoryClient.builder().longTermMemory(longTerm)
             .compactionMode(CompactionMode.SYNC).build()) {
      client.session("s").add(Message.of("user", "My zebra is named Quincy"));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(30))).isTrue();
      assertThat(client.session("s").search("pet", 1)).hasSize(1);
    }
  }
}
