package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.motorhead.MemoryClient;
import dev.motorhead.longterm.LongTermMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/langchain4j.md, run as written with a scripted model (RepositoryDocsTest
 * in motorhead-examples checks the page shows them line for line).
 */
class DocsExampleTest {
  interface Assistant {
    String chat(@MemoryId String userId, @UserMessage String message);
  }

  /** Answers "Hello!" to chats and a fixed summary to the summarizer's requests. */
  static final class HelloModel implements ChatModel {
    final List<ChatRequest> requests = new ArrayList<>();

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      boolean summarizing = request.messages().get(0) instanceof SystemMessage s
          && s.text().startsWith("You keep the running summary");
      return ChatResponse.builder()
          .aiMessage(AiMessage.from(summarizing ? "Ada eats only vegan food." : "Hello!"))
          .tokenUsage(new TokenUsage(50, 10))
          .build();
    }
  }

  static MemoryClient example(ChatModel model) {
    // docs/langchain4j.md: example
    // model: any LangChain4j ChatModel (OpenAiChatModel, AnthropicChatModel, OllamaChatModel, ...)
    MemoryClient client = MemoryClient.builder()
        .summarizer(ChatModelSummarizer.create(model)) // the model also writes the summaries
        .windowSize(12)
        .build();
    Assistant assistant = AiServices.builder(Assistant.class)
        .chatModel(model)
        .chatMemoryProvider(MotorheadChatMemoryProvider.builder().memoryClient(client).build())
        .build();
    String answer = assistant.chat("user-42", "Hi, I'm Ada and I only eat vegan food.");
    // docs/langchain4j.md: end
    assertThat(answer).isEqualTo("Hello!");
    return client;
  }

  static ChatMemory singleMemory(MemoryClient client) {
    // docs/langchain4j.md: memory
    ChatMemory memory = MotorheadChatMemory.builder().id("user-42").memoryClient(client).build();
    // docs/langchain4j.md: end
    return memory;
  }

  static MemoryClient models(ChatModel model) {
    // docs/langchain4j.md: models
    MemoryClient client = MemoryClient.builder()
        .summarizer(ChatModelSummarizer.builder()
            .chatModel(model)             // any ChatModel
            .inputTokenBudget(8_000)      // new-message tokens per call; 3,000 by default
            .maxOutputTokens(512)         // optional, else the model's own settings
            .build())
        .longTermMemory(LongTermMemory.builder()
            .embedder(EmbeddingModelEmbedder.create(new AllMiniLmL6V2EmbeddingModel()))
            .build())
        .build();
    // docs/langchain4j.md: end
    return client;
  }

  @Test
  void aSingleMemoryIsBuiltLikeLangChain4jsOwn() {
    try (MemoryClient client = MemoryClient.create()) {
      ChatMemory memory = singleMemory(client);
      memory.add(dev.langchain4j.data.message.UserMessage.from("hi"));

      assertThat(memory.id()).isEqualTo("user-42");
      assertThat(client.session("user-42").memory().messages()).hasSize(1);
    }
  }

  @Test
  void theModelsExampleSummarizesWithTheChatModelAndSearchesByMeaning() {
    HelloModel model = new HelloModel();
    try (MemoryClient client = models(model)) {
      assertThat(client.longTermMemoryEnabled()).isTrue();
      client.session("s").add(dev.motorhead.Message.of("user", "hello"));
      client.session("s").compact();
    }
  }

  @Test
  void theExampleRunsAndRemembersTheConversation() {
    HelloModel model = new HelloModel();
    try (MemoryClient client = example(model)) {
      List<ChatMessage> remembered =
          MotorheadChatMemoryProvider.builder().memoryClient(client).build().get("user-42")
              .messages();

      assertThat(remembered).containsExactly(
          dev.langchain4j.data.message.UserMessage.from("Hi, I'm Ada and I only eat vegan food."),
          AiMessage.from("Hello!"));
    }
  }
}
