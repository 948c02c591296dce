package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge of the concurrency tests rejects what providers reject, and only that. */
class ProviderLikeModelTest {
  private static final UserMessage QUESTION = UserMessage.from("What is the weather in Oslo?");
  private static final AiMessage CALL = AiMessage.from(ToolExecutionRequest.builder()
      .id("c1").name("temperature").arguments("{\"arg0\":\"Oslo\"}").build());
  private static final ToolExecutionResultMessage RESULT =
      ToolExecutionResultMessage.from("c1", "temperature", "12 degrees in Oslo");

  @Test
  void aWellFormedToolRoundIsAccepted() {
    assertThat(ProviderLikeModel.problems(List.of(SystemMessage.from("s"),
        SystemMessage.from("summary"), QUESTION, CALL, RESULT))).isEmpty();
  }

  @Test
  void everyMalformedPromptIsRejected() {
    assertThat(ProviderLikeModel.problems(List.of(QUESTION, RESULT)))
        .containsExactly("tool result c1 at 1 does not follow its request");
    assertThat(ProviderLikeModel.problems(List.of(QUESTION, CALL, QUESTION)))
        .containsExactly("tool request at 1 is not followed by all its results");
    assertThat(ProviderLikeModel.problems(List.of(QUESTION, CALL, QUESTION, RESULT)))
        .contains("tool result c1 at 3 does not follow its request");
    assertThat(ProviderLikeModel.problems(List.of(QUESTION, CALL, RESULT, CALL, RESULT)))
        .containsExactly("tool-call id c1 used twice");
    assertThat(ProviderLikeModel.problems(List.of(QUESTION, SystemMessage.from("late"))))
        .contains("system message at 1 after the conversation started");
    assertThat(ProviderLikeModel.problems(List.of(QUESTION, AiMessage.from("hi"))))
        .containsExactly("the prompt ends with a message of type AI");
  }

  @Test
  void theModelCallsTheToolThenAnswersFromItsResultAndRefusesABadPrompt() {
    ProviderLikeModel model = new ProviderLikeModel();

    AiMessage call = model.chat(ChatRequest.builder().messages(QUESTION).build()).aiMessage();
    AiMessage answer = model.chat(ChatRequest.builder().messages(List.<ChatMessage>of(QUESTION,
        call, ToolExecutionResultMessage.from(call.toolExecutionRequests().get(0),
            "12 degrees in Oslo"))).build()).aiMessage();

    assertThat(call.toolExecutionRequests()).singleElement()
        .satisfies(r -> assertThat(r.arguments()).isEqualTo("{\"arg0\":\"Oslo\"}"));
    assertThat(answer.text()).isEqualTo("In Oslo it is 12 degrees.");
    assertThatThrownBy(() -> model.chat(ChatRequest.builder().messages(QUESTION, RESULT).build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(model.rejections).hasSize(1);
  }
}
