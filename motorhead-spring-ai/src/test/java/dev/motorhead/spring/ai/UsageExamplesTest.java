package dev.motorhead.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.summarize.Summarizer;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;

/** The examples of the public classes' Javadoc, run. */
class UsageExamplesTest {
  private final ChatModel chatModel = new JudgingChatModel();

  @Test
  void motorheadChatMemoryExample() {
    MemoryClient client = MemoryClient.builder().windowSize(12).build();
    ChatMemory memory = MotorheadChatMemory.create(client);
    ChatClient chat = ChatClient.builder(chatModel)
        .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
        .build();
    String answer = chat.prompt().user("turn 1: I only eat vegan food")
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "user-42"))
        .call().content();

    assertThat(answer).isEqualTo("answer to 1.");
    assertThat(memory.get("user-42")).hasSize(2);
    client.close();
  }

  @Test
  void chatModelSummarizerExample() {
    Summarizer summarizer = ChatModelSummarizer.builder(chatModel)
        .model("gpt-4o-mini")      // optional: a cheaper model for summaries
        .maxSummaryTokens(400)
        .build();
    MemoryClient client = MemoryClient.builder().summarizer(summarizer).build();

    assertThat(summarizer.toString()).contains("gpt-4o-mini");
    client.close();
  }

  @Test
  void embeddingModelEmbedderExample() {
    EmbeddingModel embeddingModel = new EmbeddingModelEmbedderTest.TopicModel();
    LongTermMemory longTerm = LongTermMemory.builder()
        .embedder(EmbeddingModelEmbedder.create(embeddingModel))
        .build();

    assertThat(longTerm.toString()).contains("TopicModel");
    longTerm.close();
  }
}
