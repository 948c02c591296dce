package dev.motorhead.spring.ai.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.spring.ai.ChatModelSummarizer;
import dev.motorhead.spring.ai.EmbeddingModelEmbedder;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import dev.motorhead.spring.ai.testing.ChatClients;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.summarize.Summarizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.tool.annotation.Tool;

/** The examples of docs/spring.md that no other test shows as written. */
class SpringDocsExamplesTest {
  private final ChatModel chatModel = new JudgingChatModel();

  static final class WeatherTools {
    @Tool(description = "The weather in a city")
    String weather(String city) {
      return "sunny in " + city + ".";
    }
  }

  @Test
  void toolCallsInMemory() {
    Object tools = new WeatherTools();
    try (MemoryClient client = MemoryClient.create()) {
      ChatMemory chatMemory = MotorheadChatMemory.create(client);
      // docs: tool calls in memory
      ChatClient chat = ChatClient.builder(chatModel)
          .defaultTools(tools)
          .defaultAdvisors(
              ToolCallingAdvisor.builder().disableInternalConversationHistory().build(),
              MessageChatMemoryAdvisor.builder(chatMemory)
                  .order(ToolCallingAdvisor.DEFAULT_ORDER + 100)
                  .build())
          .build();
      // end
      assertThat(ChatClients.turn(chat, "c1", "Oslo", true))
          .isEqualTo(ChatClients.expectedAnswer("Oslo", true));
      assertThat(chatMemory.get("c1")).hasSize(4);
    }
  }

  @Test
  void modelsAsSummarizerAndEmbedder() {
    EmbeddingModel embeddingModel = new OneDimension();
    // docs: models
    Summarizer summarizer = ChatModelSummarizer.builder(chatModel)
        .model("gpt-4o-mini")      // optional: a cheaper model for summaries
        .maxSummaryTokens(400)
        .build();
    MemoryClient client = MemoryClient.builder().summarizer(summarizer).build();

    LongTermMemory longTerm = LongTermMemory.builder()
        .embedder(EmbeddingModelEmbedder.create(embeddingModel))
        .build();
    // end
    assertThat(summarizer.toString()).contains("gpt-4o-mini");
    assertThat(longTerm.isEnabled()).isTrue();
    longTerm.close();
    client.close();
  }

  /** An embedding model of one dimension. */
  static final class OneDimension implements EmbeddingModel {
    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
      List<Embedding> out = new java.util.ArrayList<>();
      for (int i = 0; i < request.getInstructions().size(); i++) {
        out.add(new Embedding(new float[] {1f}, i));
      }
      return new EmbeddingResponse(out);
    }

    @Override
    public float[] embed(Document document) {
      return new float[] {1f};
    }
  }
}
