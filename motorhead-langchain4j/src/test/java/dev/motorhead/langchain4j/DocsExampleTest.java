package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.motorhead.MemoryClient;
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
  void thePageShowsTheExampleAsTheTestRunsIt() throws Exception {
    String page = Files.readString(PAGE);
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertThat(block.find()).as("a java block in " + PAGE).isTrue();
    List<String> shown = block.group(1).lines().map(String::strip).toList();
    String self = Files.readString(SELF);
    List<String> run = self.substring(self.indexOf("// docs/langchain4j.md: example"),
            self.indexOf("// docs/langchain4j.md: end"))
        .lines().skip(1).map(String::strip).toList();

    List<String> imports = shown.stream().filter(l -> l.startsWith("import ")).toList();
    assertThat(imports).isNotEmpty().allSatisfy(i -> {
      String type = i.substring("import ".length(), i.length() - 1);
      assertThat(self.contains(i) || type.startsWith("dev.motorhead.langchain4j."))
          .as(i).isTrue();
      assertThat(Class.forName(type)).isNotNull();
    });
    assertThat(Collections.indexOfSubList(shown, run)).as("the example, line for line").isNotNegative();
    assertThat(shown).contains("String chat(@MemoryId String userId, @UserMessage String message);");
  }
}
