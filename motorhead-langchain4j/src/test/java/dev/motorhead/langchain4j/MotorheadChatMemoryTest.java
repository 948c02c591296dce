package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.testing.LedgerSummarizer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link MotorheadChatMemory} and its provider promise, on the in-memory store. */
class MotorheadChatMemoryTest {
  private final MemoryClient client = MemoryClient.builder().windowSize(6)
      .summarizer(new LedgerSummarizer()).compactionMode(CompactionMode.SYNC).build();
  private final MotorheadChatMemoryProvider provider =
      MotorheadChatMemoryProvider.builder().memoryClient(client).build();

  @AfterEach
  void close() {
    client.close();
  }

  private static AiMessage call(String id, String city) {
    return AiMessage.from(ToolExecutionRequest.builder().id(id).name("temperature")
        .arguments("{\"arg0\":\"" + city + "\"}").build());
  }

  private static ToolExecutionResultMessage result(String id, String city) {
    return ToolExecutionResultMessage.from(id, "temperature", "12 degrees in " + city);
  }

  /** Runs on a thread of its own, as another caller of the same memory would. */
  private static void onAnotherThread(Runnable r) {
    CompletableFuture.runAsync(r).join();
  }

  @Test
  void theMemoryIdNamesTheSessionByItsString() {
    provider.get(42).add(UserMessage.from("from the number"));

    assertThat(provider.get("42").messages()).containsExactly(UserMessage.from("from the number"));
    assertThat(provider.get(42).id()).isEqualTo(42);
    assertThat(provider.get(42).session().id()).isEqualTo("42");
    assertThatThrownBy(() -> provider.get(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> provider.get(null)).hasMessage("memoryId must not be null");
  }

  @Test
  void theBuildersNameWhatIsMissing() {
    assertThatThrownBy(() -> MotorheadChatMemory.builder().build())
        .hasMessage("memoryClient must be set");
    assertThatThrownBy(() -> MotorheadChatMemoryProvider.builder().build())
        .hasMessage("memoryClient must be set");
    assertThatThrownBy(() -> MotorheadChatMemory.builder().id(null))
        .hasMessage("id must not be null");
    assertThat(MotorheadChatMemory.builder().memoryClient(client).build().id())
        .isEqualTo("default");
  }

  @Test
  void aNamespaceListsTheSessionThere() {
    MotorheadChatMemoryProvider.builder().memoryClient(client).namespace("acme").build()
        .get("u1").add(UserMessage.from("hi"));

    assertThat(client.sessions("acme", 1, 10)).containsExactly("u1");
  }

  @Test
  void theSummaryMessageHasTheWordingAndTypeAsked() {
    MotorheadChatMemory memory = MotorheadChatMemory.builder().id("s").memoryClient(client)
        .summaryMessage(summary -> UserMessage.from("Earlier, in short: " + summary)).build();
    for (int i = 0; i < 4; i++) {
      memory.add(UserMessage.from("q" + i));
      memory.add(AiMessage.from("a" + i));
    }

    assertThat(memory.messages().get(0)).isInstanceOfSatisfying(UserMessage.class,
        u -> assertThat(u.singleText()).startsWith("Earlier, in short: q0 a0"));
  }

  @Test
  void aTokenCountEstimatorCountsEachMessagesTokens() {
    TokenCountEstimator tenPerMessage = new TokenCountEstimator() {
      @Override
      public int estimateTokenCountInText(String text) {
        return 10;
      }

      @Override
      public int estimateTokenCountInMessage(ChatMessage message) {
        return 10;
      }

      @Override
      public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        return 10 * (int) StreamSupport.stream(messages.spliterator(), false).count();
      }
    };
    try (MemoryClient budgeted = MemoryClient.builder().windowSize(100).maxWindowTokens(40)
        .summarizer(new LedgerSummarizer()).compactionMode(CompactionMode.SYNC).build()) {
      MotorheadChatMemory memory = MotorheadChatMemory.builder().id("t").memoryClient(budgeted)
          .tokenCountEstimator(tenPerMessage).build();
      memory.add(UserMessage.from("a long question ".repeat(50)));

      assertThat(budgeted.session("t").memory().messages()).extracting(Message::tokenCount)
          .containsExactly(10);
      for (int i = 0; i < 4; i++) {
        memory.add(AiMessage.from("answer " + i));
      }
      // 5 messages of 10 tokens exceed the budget of 40: folded down to half of it
      assertThat(budgeted.session("t").memory().messages()).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void eachCallersTurnComesLastEvenWhenAnotherCallerAppendsInBetween() {
    MotorheadChatMemory memory = provider.get("shared");
    memory.add(UserMessage.from("What is the weather in Oslo?"));
    memory.add(call("c1", "Oslo"));
    onAnotherThread(() -> {
      memory.add(UserMessage.from("What is the weather in Rome?"));
      memory.add(call("c2", "Rome"));
      memory.add(result("c2", "Rome"));
    });
    memory.add(result("c1", "Oslo"));

    assertThat(memory.messages()).containsExactly(
        UserMessage.from("What is the weather in Rome?"), call("c2", "Rome"), result("c2", "Rome"),
        UserMessage.from("What is the weather in Oslo?"), call("c1", "Oslo"), result("c1", "Oslo"));
    onAnotherThread(() -> assertThat(memory.messages()).containsExactly(
        UserMessage.from("What is the weather in Oslo?"), call("c1", "Oslo"), result("c1", "Oslo"),
        UserMessage.from("What is the weather in Rome?"), call("c2", "Rome"),
        result("c2", "Rome")));
  }

  @Test
  void aRequestStillWaitingForResultsIsLeftOutOfEveryonesPrompt() {
    MotorheadChatMemory memory = provider.get("waiting");
    memory.add(UserMessage.from("two cities please"));
    memory.add(AiMessage.from(List.of(
        ToolExecutionRequest.builder().id("c1").name("temperature").arguments("{}").build(),
        ToolExecutionRequest.builder().id("c2").name("temperature").arguments("{}").build())));
    memory.add(ToolExecutionResultMessage.from("c1", "temperature", "12"));

    assertThat(memory.messages()).containsExactly(UserMessage.from("two cities please"));
    onAnotherThread(() -> assertThat(memory.messages())
        .containsExactly(UserMessage.from("two cities please")));
  }

  @Test
  void theCallersTurnEndsThePromptEvenOnceCompactionHasFoldedPartOfIt() {
    MotorheadChatMemory memory = provider.get("folded");
    memory.add(UserMessage.from("What is the weather in Oslo?"));
    onAnotherThread(() -> {
      for (int i = 0; i < 8; i++) {
        memory.add(UserMessage.from("other " + i));
        memory.add(AiMessage.from("reply " + i));
      }
    });
    memory.add(call("c1", "Oslo"));
    memory.add(result("c1", "Oslo"));

    List<ChatMessage> prompt = memory.messages();
    assertThat(((SystemMessage) prompt.get(0)).text()).contains("What is the weather in Oslo?");
    assertThat(prompt.subList(prompt.size() - 3, prompt.size())).containsExactly(
        UserMessage.from("What is the weather in Oslo?"), call("c1", "Oslo"),
        result("c1", "Oslo"));
    assertThat(ProviderLikeModel.problems(prompt)).isEmpty();
  }

  @Test
  void aResultAddedOnAnotherThreadStillJoinsItsRequest() {
    MotorheadChatMemory memory = provider.get("streaming");
    memory.add(UserMessage.from("What is the weather in Oslo?"));
    memory.add(call("c1", "Oslo"));
    onAnotherThread(() -> memory.add(result("c1", "Oslo")));

    List<ChatMessage> fromStore = provider.get("streaming").messages();
    assertThat(fromStore).containsExactly(UserMessage.from("What is the weather in Oslo?"),
        call("c1", "Oslo"), result("c1", "Oslo"));
    assertThat(client.session("streaming").memory().messages().get(2).content())
        .isEqualTo("called temperature({\"arg0\":\"Oslo\"}) -> 12 degrees in Oslo");
    assertThat(memory.messages()).isEqualTo(fromStore);
  }

  @Test
  void aResultWhoseRequestThisMemoryNeverSawIsStoredButNotShown() {
    provider.get("orphan").add(result("c9", "Nowhere"));

    assertThat(provider.get("orphan").messages()).isEmpty();
    assertThat(client.session("orphan").memory().messages()).isEmpty();
  }

  @Test
  void addingSeveralMessagesAtOnceIsOneWriteAndKeepsTheirGroups() {
    MotorheadChatMemory memory = provider.get("batch");
    memory.add(List.of(SystemMessage.from("Be brief."), UserMessage.from("Oslo?"),
        call("c1", "Oslo"), result("c1", "Oslo"), AiMessage.from("12 degrees.")));

    assertThat(provider.get("batch").messages()).containsExactly(SystemMessage.from("Be brief."),
        UserMessage.from("Oslo?"), call("c1", "Oslo"), result("c1", "Oslo"),
        AiMessage.from("12 degrees."));
  }

  @Test
  void setKeepsARequestOfTheCurrentTurnThatIsStillWaitingForItsResults() {
    // AiServices' compensation of failed tools rewrites memory between a request and its results
    MotorheadChatMemory memory = provider.get("compensated");
    memory.add(UserMessage.from("book both"));
    memory.add(call("c1", "first"));
    memory.add(result("c1", "first"));
    memory.add(call("c2", "second"));
    List<ChatMessage> shown = memory.messages();
    ToolExecutionResultMessage rolledBack = ToolExecutionResultMessage.builder().id("c1")
        .toolName("temperature").text("rolled back").isError(true).build();

    memory.set(List.of(shown.get(0), shown.get(1), rolledBack));
    memory.add(result("c2", "second"));

    assertThat(memory.messages()).containsExactly(UserMessage.from("book both"),
        call("c1", "first"), rolledBack, call("c2", "second"), result("c2", "second"));
    assertThat(provider.get("compensated").messages()).containsExactly(
        UserMessage.from("book both"), call("c1", "first"), rolledBack, call("c2", "second"),
        result("c2", "second"));
  }

  @Test
  void setRefusesNothingToSet() {
    MotorheadChatMemory memory = provider.get("empty-set");

    assertThatThrownBy(() -> memory.set(List.of()))
        .hasMessage("messages must not be empty");
  }
}
