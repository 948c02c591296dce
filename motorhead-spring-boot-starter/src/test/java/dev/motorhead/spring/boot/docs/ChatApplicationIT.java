package dev.motorhead.spring.boot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.spring.ai.ChatModelSummarizer;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.summarize.Summarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "Spring Boot" example of docs/spring.md, run with the documented properties. The
 * application's ChatModel (which a Spring AI model starter would provide) is the judging one.
 */
@SpringBootTest(
    classes = {ChatApplication.class, ChatApplicationIT.Model.class},
    properties = {"motorhead.window-size=12", "motorhead.summarizer.model=gpt-4o-mini"})
@DirtiesContext
class ChatApplicationIT {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("motorhead.redis.url", () -> REDIS.server().url());
  }

  @TestConfiguration
  static class Model {
    @Bean
    ChatModel chatModel() {
      return new JudgingChatModel();
    }
  }

  @Autowired ChatApplication.Assistant assistant;
  @Autowired JudgingChatModel model;
  @Autowired MemoryClient memory;
  @Autowired Summarizer summarizer;

  @Test
  void theApplicationRemembersOnRedisAndSummarizesWithItsChatModel() {
    assistant.ask("ada", "turn 1: I only eat vegan food.");
    assistant.ask("ada", "turn 2: what should I cook?");

    assertThat(model.lastPrompt()).hasSize(3);
    assertThat(memory.session("ada").memory().messages()).hasSize(4);
    assertThat(summarizer).isInstanceOf(ChatModelSummarizer.class);
    assertThat(summarizer.toString()).contains("gpt-4o-mini");
  }
}
