package dev.motorhead.spring.ai.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.messages.Message;

/** The "With Spring AI" example of docs/spring.md, run on the Redis fixture. */
class AssistantIT {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Test
  void theAssistantRemembersEachUsersConversation() {
    JudgingChatModel model = new JudgingChatModel();
    try (Assistant assistant = new Assistant(model, REDIS.server().url())) {
      assertThat(assistant.ask("ada", "turn 1: I only eat vegan food.")).isEqualTo("answer to 1.");
      assertThat(assistant.ask("bob", "turn 2: I love steak.")).isEqualTo("answer to 2.");
      assistant.ask("ada", "turn 3: what should I cook?");

      assertThat(model.lastPrompt()).extracting(Message::getText).containsExactly(
          "turn 1: I only eat vegan food.", "answer to 1.", "turn 3: what should I cook?");
    }
  }
}
