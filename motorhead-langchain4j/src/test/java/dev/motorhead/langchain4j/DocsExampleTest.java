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
import dev.motorhead.recall.LongTermMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/langchain4j.md, run as written with a scripted model, and checked to be
 * the text the page shows.
 */
class DocsExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "langchain4j.md");
  private static final Path SELF =
      Path.of("src", "test", "java", "dev", "motorhead", "langchain4j", "DocsExampleTest.java");

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
        .retriever(LongTermMemory.builder()
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

  @Test
  void thePageShowsEachJavaSnippetAsTheTestsRunIt() throws Exception {
    String page = Files.readString(PAGE);
    String self = Files.readString(SELF);
    List<List<String>> blocks = new ArrayList<>();
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(page);
    while (block.find()) {
      blocks.add(block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
    List<String> regions = List.of("example", "memory", "models");
    assertThat(blocks).as("java blocks in " + PAGE).hasSize(regions.size());
    for (int i = 0; i < regions.size(); i++) {
      String begin = "// docs/langchain4j.md: " + regions.get(i);
      List<String> run = self.substring(self.indexOf(begin), self.indexOf("// docs/langchain4j.md: end",
              self.indexOf(begin)))
          .lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
      assertThat(Collections.indexOfSubList(blocks.get(i), run))
          .as("block %d shows region %s line for line", i, regions.get(i)).isNotNegative();
    }
    List<String> imports = blocks.get(0).stream().filter(l -> l.startsWith("import ")).toList();
    assertThat(imports).isNotEmpty().allSatisfy(i -> {
      String type = i.substring("import ".length(), i.length() - 1);
      assertThat(self.contains(i) || type.startsWith("dev.motorhead.langchain4j."))
          .as(i).isTrue();
      assertThat(Class.forName(type)).isNotNull();
    });
    assertThat(blocks.get(0))
        .contains("String chat(@MemoryId String userId, @UserMessage String message);");
  }
}
