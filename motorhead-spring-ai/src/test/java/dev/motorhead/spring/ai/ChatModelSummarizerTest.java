package dev.motorhead.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.summarize.Summary;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

class ChatModelSummarizerTest {

  /** A model that answers with a function of the prompt, recording every prompt. */
  static final class ScriptedModel implements ChatModel {
    final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());
    final Function<Prompt, ChatResponse> answer;

    ScriptedModel(Function<Prompt, ChatResponse> answer) {
      this.answer = answer;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
      prompts.add(prompt);
      return answer.apply(prompt);
    }

    @Override
    public ChatOptions getOptions() {
      return ChatOptions.builder().model("chat-model-default").temperature(0.9).build();
    }
  }

  static ChatResponse reply(String text, int promptTokens, int completionTokens) {
    return ChatResponse.builder()
        .generations(List.of(new Generation(new AssistantMessage(text))))
        .metadata(ChatResponseMetadata.builder()
            .usage(new DefaultUsage(promptTokens, completionTokens)).build())
        .build();
  }

  private static List<Message> lines() {
    return List.of(Message.of("user", "I am Ada and I only eat vegan food."),
        Message.of("assistant", "Noted: vegan recipes only."));
  }

  @Test
  void itSendsOurInstructionsAndTheLinesAndReturnsTheAnswerWithTheTokensUsed() {
    ScriptedModel model = new ScriptedModel(p -> reply("  Ada is vegan.  ", 120, 8));
    ChatModelSummarizer summarizer = ChatModelSummarizer.create(model);

    Summary summary = summarizer.summarize("Ada lives in Oslo.", lines());

    assertThat(summary).isEqualTo(new Summary("Ada is vegan.", 128));
    Prompt sent = model.prompts.get(0);
    assertThat(sent.getInstructions()).hasSize(2);
    assertThat(sent.getInstructions().get(0)).isInstanceOf(SystemMessage.class);
    assertThat(sent.getInstructions().get(0).getText())
        .isEqualTo(dev.motorhead.summarize.SummaryPrompt.SYSTEM);
    assertThat(sent.getInstructions().get(1)).isInstanceOf(UserMessage.class);
    assertThat(sent.getInstructions().get(1).getText()).isEqualTo(
        "Current summary:\nAda lives in Oslo.\n\nNew lines of conversation:\n"
            + "user: I am Ada and I only eat vegan food.\nassistant: Noted: vegan recipes only.");
    assertThat(sent.getOptions().getModel()).isEqualTo("chat-model-default");
  }

  @Test
  void aFirstSummaryIsAskedForWithAnEmptySummarySoFar() {
    ScriptedModel model = new ScriptedModel(p -> reply("Ada is vegan.", 1, 1));
    ChatModelSummarizer.create(model).summarize("", lines());

    assertThat(model.prompts.get(0).getInstructions().get(1).getText())
        .startsWith("Current summary:\n(none)\n\nNew lines of conversation:");
  }

  @Test
  void theModelTokenLimitAndTemperatureForSummariesOverrideTheModelsOwnOptions() {
    ScriptedModel model = new ScriptedModel(p -> reply("ok summary", 1, 1));
    ChatModelSummarizer.builder(model).model("cheap-model").maxSummaryTokens(300)
        .temperature(0.1).build().summarize("", lines());

    ChatOptions options = model.prompts.get(0).getOptions();
    assertThat(options.getModel()).isEqualTo("cheap-model");
    assertThat(options.getMaxTokens()).isEqualTo(300);
    assertThat(options.getTemperature()).isEqualTo(0.1);
  }

  @Test
  void aResponseWithoutUsageCountsNoTokens() {
    ScriptedModel model = new ScriptedModel(p ->
        new ChatResponse(List.of(new Generation(new AssistantMessage("s")))));
    assertThat(ChatModelSummarizer.create(model).summarize("", lines()).tokensUsed()).isZero();
  }

  @Test
  void anAnswerWithoutTextIsANonRetryableModelException() {
    ScriptedModel model = new ScriptedModel(p -> reply(" ", 1, 1));
    assertThatThrownBy(() -> ChatModelSummarizer.create(model).summarize("", lines()))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("without summary text");
    ScriptedModel empty = new ScriptedModel(p -> new ChatResponse(List.of()));
    assertThatThrownBy(() -> ChatModelSummarizer.create(empty).summarize("", lines()))
        .isInstanceOf(ModelException.class);
  }

  static ModelException failureFor(RuntimeException thrown) {
    ScriptedModel model = new ScriptedModel(p -> {
      throw thrown;
    });
    try {
      ChatModelSummarizer.create(model).summarize("", lines());
    } catch (ModelException e) {
      return e;
    }
    throw new AssertionError("no ModelException for " + thrown);
  }

  @Test
  void modelFailuresBecomeModelExceptionsRetryableOrNot() {
    assertThat(failureFor(new TransientAiException("overloaded")).isRetryable()).isTrue();
    assertThat(failureFor(new NonTransientAiException("bad key")).isRetryable()).isFalse();
    assertThat(failureFor(new ResourceAccessException("I/O", new SocketTimeoutException()))
        .isRetryable()).isTrue();
    assertThat(failureFor(new RuntimeException("wrapped", new IOException("reset")))
        .isRetryable()).isTrue();

    ModelException rateLimited =
        failureFor(new HttpClientErrorException(HttpStatus.TOO_MANY_REQUESTS));
    assertThat(rateLimited.isRetryable()).isTrue();
    assertThat(rateLimited.statusCode()).isEqualTo(429);

    ModelException unauthorized = failureFor(new HttpClientErrorException(HttpStatus.UNAUTHORIZED));
    assertThat(unauthorized.isRetryable()).isFalse();
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.getMessage()).contains("ScriptedModel").contains("401");

    assertThat(failureFor(new HttpServerErrorException(HttpStatus.BAD_GATEWAY)).isRetryable())
        .isTrue();
    assertThat(failureFor(new HttpServerErrorException(HttpStatus.NOT_IMPLEMENTED)).isRetryable())
        .isFalse();
    assertThat(failureFor(new NonTransientAiException("x",
        new HttpServerErrorException(HttpStatus.SERVICE_UNAVAILABLE))).isRetryable()).isTrue();
  }

  @Test
  void aMemoryClientSummarizesWithAnyChatModelAndRetriesAfterAFailure() {
    AtomicInteger calls = new AtomicInteger();
    ScriptedModel model = new ScriptedModel(p -> {
      if (calls.incrementAndGet() == 1) {
        throw new TransientAiException("overloaded");
      }
      return reply("The user is Ada, a vegan.", 50, 10);
    });
    try (MemoryClient client = MemoryClient.builder()
        .summarizer(ChatModelSummarizer.create(model))
        .windowSize(2)
        .compactionMode(CompactionMode.SYNC)
        .retryBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1))
        .build()) {
      var session = client.session("ada");
      session.add(lines());
      session.add(Message.of("user", "What can I cook?"));
      assertThat(session.memory().summary()).isEmpty(); // the first call failed: nothing lost

      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
        session.compact();
        return session.memory().summary().isPresent();
      });

      assertThat(session.memory().summary()).contains("The user is Ada, a vegan.");
      assertThat(session.memory().summarizerTokensUsed()).isEqualTo(60);
    }
  }

  @Test
  void badSettingsAreRejectedNamingTheSetting() {
    ScriptedModel model = new ScriptedModel(p -> reply("s", 1, 1));
    assertThatThrownBy(() -> ChatModelSummarizer.builder(null))
        .hasMessageContaining("chatModel");
    assertThatThrownBy(() -> ChatModelSummarizer.builder(model).maxSummaryTokens(3))
        .hasMessageContaining("maxSummaryTokens");
    assertThatThrownBy(() -> ChatModelSummarizer.builder(model).temperature(-1))
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> ChatModelSummarizer.builder(model).model(" "))
        .hasMessageContaining("model");
    assertThatThrownBy(() -> ChatModelSummarizer.create(model).summarize("", List.of()))
        .hasMessageContaining("newMessages");
  }
}
