package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.motorhead.CompactionMode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.SessionMemory;
import dev.motorhead.summarize.Summary;
import dev.motorhead.summarize.SummaryPrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChatModelSummarizerTest {
  private static final List<Message> LINES = List.of(
      Message.of("user", "I'm Ada and I only eat vegan food."),
      Message.of("assistant", "Noted, Ada: vegan recipes only."));

  /** A chat model that answers from a script and records every request. */
  static final class ScriptedChatModel implements ChatModel {
    final List<ChatRequest> requests = new ArrayList<>();
    private final Deque<Supplier<ChatResponse>> answers = new ArrayDeque<>();

    ScriptedChatModel then(Supplier<ChatResponse> answer) {
      answers.add(answer);
      return this;
    }

    ScriptedChatModel thenAnswer(String text, TokenUsage usage) {
      return then(() -> ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(usage)
          .build());
    }

    ScriptedChatModel thenFail(RuntimeException failure) {
      return then(() -> {
        throw failure;
      });
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      return answers.isEmpty() ? answer("(no more answers)") : answers.poll().get();
    }

    private static ChatResponse answer(String text) {
      return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }
  }

  @Test
  void oneRequestCarriesTheProjectsInstructionsThenTheSummaryAndTheNewLines() {
    ScriptedChatModel model = new ScriptedChatModel().thenAnswer("Ada eats vegan food.", null);

    ChatModelSummarizer.create(model).summarize("", LINES);

    assertThat(model.requests).hasSize(1);
    assertThat(model.requests.get(0).messages()).containsExactly(
        SystemMessage.from(SummaryPrompt.SYSTEM),
        UserMessage.from("Current summary:\n(none)\n\nNew lines of conversation:\n"
            + "user: I'm Ada and I only eat vegan food.\n"
            + "assistant: Noted, Ada: vegan recipes only."));
  }

  @Test
  void theSummaryIsTheAnswerTrimmedAndTheTokensAreTheResponsesTotal() {
    ScriptedChatModel model = new ScriptedChatModel()
        .thenAnswer("  Ada eats vegan food.\n", new TokenUsage(120, 15, 135))
        .thenAnswer("Ada eats vegan food.", new TokenUsage(120, 15))
        .thenAnswer("Ada eats vegan food.", null);
    ChatModelSummarizer summarizer = ChatModelSummarizer.create(model);

    assertThat(summarizer.summarize("", LINES)).isEqualTo(new Summary("Ada eats vegan food.", 135));
    assertThat(summarizer.summarize("", LINES).tokensUsed()).isEqualTo(135); // input + output
    assertThat(summarizer.summarize("", LINES).tokensUsed()).isZero(); // no usage reported
  }

  @Test
  void maxOutputTokensAndTemperatureAreSentOnlyWhenSet() {
    ScriptedChatModel model = new ScriptedChatModel();
    ChatModelSummarizer.create(model).summarize("", LINES);
    ChatModelSummarizer.builder().chatModel(model).maxOutputTokens(256).temperature(0.1).build()
        .summarize("", LINES);

    assertThat(model.requests.get(0).parameters().maxOutputTokens()).isNull();
    assertThat(model.requests.get(0).parameters().temperature()).isNull();
    assertThat(model.requests.get(1).parameters().maxOutputTokens()).isEqualTo(256);
    assertThat(model.requests.get(1).parameters().temperature()).isEqualTo(0.1);
  }

  @Test
  void anAnswerWithoutTextIsAModelExceptionThatIsNotRetryable() {
    ScriptedChatModel model = new ScriptedChatModel()
        .then(() -> ChatResponse.builder().aiMessage(AiMessage.from("  ")).build())
        .then(() -> ChatResponse.builder().aiMessage(AiMessage.from(""))
            .finishReason(FinishReason.LENGTH).build());
    ChatModelSummarizer summarizer = ChatModelSummarizer.create(model);

    assertThatThrownBy(() -> summarizer.summarize("", LINES))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("no summary text");
    assertThatThrownBy(() -> summarizer.summarize("", LINES))
        .hasMessageContaining("raise maxOutputTokens");
  }

  @Test
  void langChain4jFailuresBecomeModelExceptionsRetryableOrNot() {
    assertFailure(new RateLimitException("slow down"), true, 429);
    assertFailure(new TimeoutException("timed out"), true, 0);
    assertFailure(new HttpException(503, "unavailable"), true, 503);
    assertFailure(new LangChain4jException(new HttpException(502, "bad gateway")), true, 502);
    assertFailure(new RuntimeException(new UncheckedIOException(new IOException("reset"))), true, 0);
    assertFailure(new AuthenticationException("bad key"), false, 401);
    assertFailure(new InvalidRequestException("bad request"), false, 400);
    assertFailure(new ModelNotFoundException("no such model"), false, 404);
    assertFailure(new HttpException(400, "bad request"), false, 400);
    assertFailure(new UnsupportedFeatureException("no temperature"), false, 0);
  }

  private static void assertFailure(RuntimeException failure, boolean retryable, int status) {
    ChatModelSummarizer summarizer =
        ChatModelSummarizer.create(new ScriptedChatModel().thenFail(failure));

    assertThatThrownBy(() -> summarizer.summarize("", LINES))
        .as(failure.toString())
        .isInstanceOfSatisfying(ModelException.class, e -> {
          assertThat(e.isRetryable()).as("retryable: " + failure).isEqualTo(retryable);
          assertThat(e.statusCode()).as("status: " + failure).isEqualTo(status);
          assertThat(e.getCause()).isSameAs(failure);
        });
  }

  @Test
  void aFailedSummaryCommitsNothingAndTheNextAttemptFoldsTheSameMessages() {
    ScriptedChatModel model = new ScriptedChatModel()
        .thenFail(new RateLimitException("slow down"))
        .thenAnswer("Ada eats vegan food and wants a curry.", new TokenUsage(100, 10, 110));
    try (MemoryClient client = MemoryClient.builder()
        .summarizer(ChatModelSummarizer.create(model))
        .windowSize(4)
        .compactionMode(CompactionMode.SYNC)
        .build()) {
      SessionMemory session = client.session("ada");
      List<Message> lines = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        lines.add(Message.of(i % 2 == 0 ? "user" : "assistant", "line " + i));
      }

      session.add(lines); // compacts on the way: the summarizer fails, the messages stay
      assertThat(session.memory().summary()).isEmpty();
      assertThat(model.requests).hasSize(1);
      session.compact();

      Memory memory = session.memory();
      assertThat(memory.summary()).hasValue("Ada eats vegan food and wants a curry.");
      assertThat(memory.summarizerTokensUsed()).isEqualTo(110);
      assertThat(memory.messages()).extracting(Message::content)
          .containsExactly("line 4", "line 5");
      assertThat(model.requests.get(1).messages()).isEqualTo(model.requests.get(0).messages());
    }
  }

  @Test
  void theBuilderNamesWhatIsWrong() {
    assertThatThrownBy(() -> ChatModelSummarizer.builder().build())
        .hasMessage("chatModel must be set");
    assertThatThrownBy(() -> ChatModelSummarizer.builder().inputTokenBudget(10))
        .hasMessage("inputTokenBudget must be >= 100, was 10");
    assertThatThrownBy(() -> ChatModelSummarizer.builder().temperature(3))
        .hasMessage("temperature must be between 0 and 2, was 3.0");
    assertThat(ChatModelSummarizer.builder().chatModel(new ScriptedChatModel())
        .inputTokenBudget(8_000).build().inputTokenBudget()).isEqualTo(8_000);
  }
}
