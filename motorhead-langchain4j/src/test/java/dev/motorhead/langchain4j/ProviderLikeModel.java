package dev.motorhead.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.MemoryId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted chat model that judges every request as model providers do and rejects an invalid
 * one with HTTP-400-like {@link InvalidRequestException}, and a weather service to drive it
 * through {@code AiServices}.
 *
 * <p>Script: a question "What is the weather in X?" gets a tool call {@code temperature(X)}; a
 * request ending with the tool's result gets the answer "In X it is N degrees." built from that
 * result; any other request gets "Noted." So a caller whose prompt ends with another caller's
 * turn gets another caller's answer.
 */
final class ProviderLikeModel implements ChatModel {
  private static final Pattern QUESTION = Pattern.compile("What is the weather in (\\S+)\\?");
  private static final Pattern RESULT = Pattern.compile("(\\d+) degrees in (\\S+)");

  final AtomicInteger requests = new AtomicInteger();
  final Queue<String> rejections = new ConcurrentLinkedQueue<>();

  /** The service under test. */
  interface Assistant {
    String chat(@MemoryId Object user, @dev.langchain4j.service.UserMessage String message);
  }

  /** The tool: a temperature derived from the city name, so any answer can be checked. */
  static final class WeatherTool {
    final AtomicInteger calls = new AtomicInteger();

    @Tool("The current temperature in a city, in degrees Celsius")
    String temperature(@P("the city") String city) {
      calls.incrementAndGet();
      return degrees(city) + " degrees in " + city;
    }
  }

  static int degrees(String city) {
    return Math.floorMod(city.hashCode(), 35);
  }

  static String question(String city) {
    return "What is the weather in " + city + "?";
  }

  static String answer(String city) {
    return "In " + city + " it is " + degrees(city) + " degrees.";
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.incrementAndGet();
    List<ChatMessage> messages = request.messages();
    List<String> problems = problems(messages);
    if (!problems.isEmpty()) {
      rejections.add(String.join("; ", problems));
      throw new InvalidRequestException("400 invalid request: " + problems);
    }
    ChatMessage last = messages.get(messages.size() - 1);
    AiMessage reply;
    if (last instanceof UserMessage user && user.hasSingleText()
        && QUESTION.matcher(user.singleText()).matches()) {
      Matcher q = QUESTION.matcher(user.singleText());
      q.matches();
      reply = AiMessage.from(ToolExecutionRequest.builder()
          .id("call_" + UUID.randomUUID())
          .name("temperature")
          .arguments("{\"arg0\":\"" + q.group(1) + "\"}")
          .build());
    } else if (last instanceof ToolExecutionResultMessage result) {
      Matcher r = RESULT.matcher(result.text());
      reply = AiMessage.from(r.matches()
          ? "In " + r.group(2) + " it is " + r.group(1) + " degrees."
          : "The tool said: " + result.text());
    } else {
      reply = AiMessage.from("Noted.");
    }
    return ChatResponse.builder().aiMessage(reply).build();
  }

  /**
   * What a provider would reject in this prompt: what {@link #structureProblems} finds, and a
   * prompt not ending with a user message or a tool result.
   */
  static List<String> problems(List<ChatMessage> messages) {
    if (messages.isEmpty()) {
      return List.of("no messages");
    }
    List<String> problems = structureProblems(messages);
    ChatMessage last = messages.get(messages.size() - 1);
    if (!(last instanceof UserMessage || last instanceof ToolExecutionResultMessage)) {
      problems.add("the prompt ends with a message of type " + last.type());
    }
    return problems;
  }

  /**
   * What a provider would reject in any part of a conversation: system messages after the first
   * other message, a tool request not directly followed by exactly one result per call, a result
   * that answers no request right before it, and a tool-call id used twice.
   */
  static List<String> structureProblems(List<ChatMessage> messages) {
    List<String> problems = new ArrayList<>();
    boolean systemAllowed = true;
    Set<String> seenCallIds = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      if (m instanceof SystemMessage) {
        if (!systemAllowed) {
          problems.add("system message at " + i + " after the conversation started");
        }
        continue;
      }
      systemAllowed = false;
      if (m instanceof ToolExecutionResultMessage r) {
        problems.add("tool result " + r.id() + " at " + i + " does not follow its request");
        continue;
      }
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        Set<String> expected = new HashSet<>();
        for (ToolExecutionRequest req : ai.toolExecutionRequests()) {
          expected.add(req.id());
          if (!seenCallIds.add(req.id())) {
            problems.add("tool-call id " + req.id() + " used twice");
          }
        }
        Set<String> answered = new HashSet<>();
        int j = i + 1;
        while (j < messages.size() && messages.get(j) instanceof ToolExecutionResultMessage r) {
          if (!expected.contains(r.id()) || !answered.add(r.id())) {
            problems.add("tool result " + r.id() + " at " + j + " answers no pending call");
          }
          j++;
        }
        if (!answered.equals(expected)) {
          problems.add("tool request at " + i + " is not followed by all its results");
        }
        i = j - 1;
      }
    }
    return problems;
  }
}
