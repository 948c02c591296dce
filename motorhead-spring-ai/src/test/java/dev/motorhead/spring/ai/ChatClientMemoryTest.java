package dev.motorhead.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.spring.ai.testing.ChatClients;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.spring.ai.testing.Scenarios;
import dev.motorhead.spring.ai.testing.WeatherTools;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.testing.LedgerSummarizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;

/** Spring AI's real ChatClient and advisors over our ChatMemory, on the in-memory store. */
class ChatClientMemoryTest {

  @Test
  void fortyTurnsWithToolCallsGiveProvidersValidPromptsHoldingTheSummaryAndTheWindow() {
    try (MemoryClient client = MemoryClient.builder()
        .windowSize(8)
        .compactionMode(CompactionMode.SYNC)
        .summarizer(new LedgerSummarizer())
        .build()) {
      ChatMemory memory = MotorheadChatMemory.create(client);
      JudgingChatModel model = new JudgingChatModel();
      WeatherTools tools = new WeatherTools();
      ChatClient chat = ChatClients.withToolCallsInMemory(model, memory, tools);

      Scenarios.fortyTurnsWithToolCalls(chat, model, memory, "c", 8);

      assertThat(tools.calls()).isEqualTo(14);
      assertThat(Scenarios.notExactlyOnce(List.of(client.session("c").memory()),
          Scenarios.fortyTurnLines("c"))).isEmpty();
    }
  }

  @Test
  void theDefaultAdvisorOrderKeepsOnlyQuestionsAndFinalAnswersInMemory() {
    try (MemoryClient client = MemoryClient.builder().windowSize(40).build()) {
      ChatMemory memory = MotorheadChatMemory.create(client);
      JudgingChatModel model = new JudgingChatModel();
      ChatClient chat = ChatClient.builder(model)
          .defaultTools(new WeatherTools())
          .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
          .build();

      String answer = chat.prompt().user(ChatClients.userText("a", false))
          .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "c")).call().content();

      assertThat(answer).isEqualTo("answer to a.");
      assertThat(memory.get("c")).extracting(m -> m.getText())
          .containsExactly(ChatClients.userText("a", false), "answer to a.");
    }
  }

  @Test
  void sixteenConversationsAtOnceLoseNothingAndFoldNothingTwice() throws Exception {
    try (MessageStore store = InMemoryMessageStore.builder().build();
        MemoryClient client = MemoryClient.builder()
        .store(store)
        .windowSize(6)
        .compactionMode(CompactionMode.SYNC) // so that compact() below leaves nothing to fold
        .summarizer(new LedgerSummarizer())
        .build()) {
      JudgingChatModel model = new JudgingChatModel();
      ChatClient chat = ChatClients.withToolCallsInMemory(
          model, MotorheadChatMemory.create(client), new WeatherTools());

      Scenarios.manyCallersLoseNothingAndFoldNothingTwice(
          chat, model, client, store, 16, 12, t -> "user-" + t);
    }
  }

  @Test
  void sixteenThreadsOnOneConversationLoseNothingFoldNothingTwiceAndEachGetsItsOwnAnswer()
      throws Exception {
    try (MessageStore store = InMemoryMessageStore.builder().build();
        MemoryClient client = MemoryClient.builder()
        .store(store)
        .windowSize(10)
        .compactionMode(CompactionMode.SYNC)
        .summarizer(new LedgerSummarizer())
        .build()) {
      JudgingChatModel model = new JudgingChatModel();
      ChatClient chat = ChatClients.withToolCallsInMemory(
          model, MotorheadChatMemory.create(client), new WeatherTools());

      Scenarios.manyCallersLoseNothingAndFoldNothingTwice(
          chat, model, client, store, 16, 12, t -> "shared");
    }
  }
}
