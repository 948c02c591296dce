package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.spring.ai.ChatModelSummarizer;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import dev.motorhead.spring.ai.testing.ChatClients;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.spring.ai.testing.Scenarios;
import dev.motorhead.spring.ai.testing.WeatherTools;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.Summarizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application as a user writes it: the starter, a ChatModel bean (scripted, judging
 * every prompt as a provider does), a ChatClient with Spring AI's memory advisor, Redis from
 * motorhead.redis.url, Micrometer's registry.
 */
@SpringBootTest(
    classes = SpringAiChatIT.App.class,
    properties = {"motorhead.window-size=8", "motorhead.compaction=sync"})
@DirtiesContext
class SpringAiChatIT {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("motorhead.redis.url", () -> REDIS.server().url());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    JudgingChatModel chatModel() {
      return new JudgingChatModel();
    }

    @Bean
    WeatherTools weatherTools() {
      return new WeatherTools();
    }

    @Bean
    ChatClient chatClient(JudgingChatModel model, ChatMemory memory, WeatherTools tools) {
      return ChatClients.withToolCallsInMemory(model, memory, tools);
    }
  }

  @Autowired ChatClient chat;
  @Autowired JudgingChatModel model;
  @Autowired ChatMemory memory;
  @Autowired MemoryClient client;
  @Autowired MessageStore store;
  @Autowired Summarizer summarizer;
  @Autowired MeterRegistry meters;

  private double count(String name, String outcome) {
    var search = meters.find(name);
    if (outcome != null) {
      search = search.tag("outcome", outcome);
    }
    var counter = search.counter();
    return counter == null ? 0 : counter.count();
  }

  private long timerCount(String name, String outcome) {
    var timer = meters.find(name).tag("outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void theStarterWiresRedisTheApplicationsChatModelAndOurChatMemory() {
    assertThat(memory).isInstanceOf(MotorheadChatMemory.class);
    assertThat(store.getClass().getSimpleName()).isEqualTo("LettuceMessageStore");
    assertThat(summarizer).isInstanceOf(ChatModelSummarizer.class);
  }

  @Test
  void fortyTurnsWithToolCallsOnRedisKeepValidPromptsAndCountTheirCompactions() {
    double committedBefore = count("motorhead.compactions", "committed");
    double foldedBefore = count("motorhead.compaction.messages", null);
    double tokensBefore = count("motorhead.summarizer.tokens", null);
    long summarizerBefore = timerCount("motorhead.summarizer.duration", "success");
    int summaryCallsBefore = model.summaryCalls();

    Scenarios.fortyTurnsWithToolCalls(chat, model, memory, "forty", 8);

    int summaryCalls = model.summaryCalls() - summaryCallsBefore;
    assertThat(summaryCalls).isPositive();
    assertThat(timerCount("motorhead.summarizer.duration", "success") - summarizerBefore)
        .isEqualTo(summaryCalls);
    assertThat(count("motorhead.summarizer.tokens", null) - tokensBefore)
        .isEqualTo(15.0 * summaryCalls);
    assertThat(count("motorhead.compactions", "committed") - committedBefore)
        .isEqualTo(summaryCalls); // one chunk per compaction at this size
    assertThat(count("motorhead.compactions", "failed")).isZero();
    // 40 turns: 40 questions, 40 answers, 14 tool requests and 14 results
    int stored = 40 + 40 + 14 + 14;
    Memory remembered = client.session("forty").memory();
    assertThat(count("motorhead.compaction.messages", null) - foldedBefore)
        .isEqualTo(stored - remembered.messages().size());
    assertThat(meters.get("motorhead.compaction.backlog").gauge().value()).isZero();
    assertThat(Scenarios.notExactlyOnce(List.of(remembered), Scenarios.fortyTurnLines("forty"))).isEmpty();
  }

  @Test
  void sixteenConversationsAtOnceOnRedisLoseNothingAndFoldNothingTwice() throws Exception {
    Scenarios.manyCallersLoseNothingAndFoldNothingTwice(
        chat, model, client, store, 16, 10, t -> "user-" + t);
  }

  @Test
  void sixteenThreadsOnOneConversationOnRedisLoseNothingAndEachGetsItsOwnAnswer()
      throws Exception {
    Scenarios.manyCallersLoseNothingAndFoldNothingTwice(
        chat, model, client, store, 16, 10, t -> "shared");
  }
}
