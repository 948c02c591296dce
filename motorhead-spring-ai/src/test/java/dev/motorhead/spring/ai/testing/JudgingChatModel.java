package dev.motorhead.spring.ai.testing;

import dev.motorhead.summarize.SummaryPrompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * A scripted Spring AI {@link ChatModel} that judges every prompt as a provider does, with no
 * network. A prompt is rejected (with an exception, as a provider answers 400) when an assistant
 * tool request is not followed at once by results for all its tool calls, or a tool result does
 * not directly follow the request it answers. Every prompt is recorded.
 *
 * <p>Script: a last user message {@code "turn <id>: ... weather ..."} gets a tool call
 * {@code weather({"city":"<id>"})}; any other {@code "turn <id>: ..."} gets {@code "answer to <id>."};
 * a last tool result gets {@code "answer to <id>: <result>"}. A summary request from
 * {@code ChatModelSummarizer} is answered as a ledger (see {@link #summaryCalls()}) and not
 * recorded. Each response reports 10 prompt and 5 completion tokens. Thread-safe.
 */
public final class JudgingChatModel implements ChatModel {
  private static final Pattern TURN = Pattern.compile("turn ([^:]+):");
  private static final Pattern CITY = Pattern.compile("\"city\"\\s*:\\s*\"([^\"]+)\"");

  private final List<List<Message>> prompts = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger callIds = new AtomicInteger();
  private final AtomicInteger summaryCalls = new AtomicInteger();

  @Override
  public ChatResponse call(Prompt prompt) {
    List<Message> messages = List.copyOf(prompt.getInstructions());
    if (!messages.isEmpty() && messages.get(0) instanceof SystemMessage system
        && system.getText() != null
        && system.getText().equals(SummaryPrompt.SYSTEM)) {
      summaryCalls.incrementAndGet();
      return answer(new AssistantMessage(ledger(messages.get(1).getText())));
    }
    prompts.add(messages);
    String problem = problem(messages);
    if (problem != null) {
      problems.add(problem);
      throw new IllegalStateException("400 invalid request: " + problem);
    }
    Message last = messages.get(messages.size() - 1);
    if (last instanceof ToolResponseMessage tool) {
      ToolResponseMessage.ToolResponse r = tool.getResponses().get(tool.getResponses().size() - 1);
      AssistantMessage request = requestOf(messages, messages.size() - 1);
      String turn = request == null ? "?" : city(request.getToolCalls().get(0).arguments());
      return answer(new AssistantMessage("answer to " + turn + ": " + r.responseData()));
    }
    if (last instanceof UserMessage user) {
      Matcher m = TURN.matcher(user.getText());
      String turn = m.find() ? m.group(1) : "?";
      if (user.getText().contains("weather")) {
        return answer(AssistantMessage.builder()
            .content("")
            .toolCalls(List.of(new AssistantMessage.ToolCall(
                "call_" + callIds.incrementAndGet(), "function", "weather",
                "{\"city\":\"" + turn + "\"}")))
            .build());
      }
      return answer(new AssistantMessage("answer to " + turn + "."));
    }
    problems.add("the prompt ends with " + last.getMessageType());
    throw new IllegalStateException("400 invalid request: the prompt ends with "
        + last.getMessageType());
  }

  /**
   * A summary request answered as a ledger: the summary so far, then the content of every new
   * line, space separated, so that a test can find each folded message in exactly one summary.
   */
  private static String ledger(String request) {
    String[] parts = request.split("\n\nNew lines of conversation:\n", 2);
    String previous = parts[0].substring("Current summary:\n".length());
    StringBuilder out =
        new StringBuilder(SummaryPrompt.NO_SUMMARY_YET.equals(previous) ? "" : previous);
    for (String line : parts[1].split("\n")) {
      int colon = line.indexOf(": ");
      out.append(out.length() == 0 ? "" : " ").append(line.substring(colon + 2));
    }
    return out.toString();
  }

  /** Summary requests answered (each reporting 15 tokens). */
  public int summaryCalls() {
    return summaryCalls.get();
  }

  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  /** Every prompt received, oldest first. */
  public List<List<Message>> prompts() {
    synchronized (prompts) {
      return List.copyOf(prompts);
    }
  }

  /** The last prompt received. */
  public List<Message> lastPrompt() {
    synchronized (prompts) {
      return prompts.get(prompts.size() - 1);
    }
  }

  /** Why prompts were rejected; empty when every prompt was valid. */
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /** Why this sequence would be rejected by a provider, or null when it is valid. */
  public static String problem(List<Message> messages) {
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m instanceof AssistantMessage a && a.hasToolCalls()) {
        Set<String> wanted = new HashSet<>();
        a.getToolCalls().forEach(c -> wanted.add(c.id()));
        Set<String> got = new HashSet<>();
        int j = i + 1;
        while (j < messages.size() && messages.get(j) instanceof ToolResponseMessage t) {
          t.getResponses().forEach(r -> got.add(r.id()));
          j++;
        }
        if (!got.equals(wanted)) {
          return "message " + i + " requests tool calls " + wanted + " answered by " + got
              + " (next: " + (j < messages.size() ? messages.get(j).getMessageType() : "end") + ")";
        }
      }
      if (m instanceof ToolResponseMessage t) {
        AssistantMessage request = requestOf(messages, i);
        if (request == null) {
          return "message " + i + " is a tool result without its request";
        }
        Set<String> asked = new HashSet<>();
        request.getToolCalls().forEach(c -> asked.add(c.id()));
        for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
          if (!asked.contains(r.id())) {
            return "message " + i + " answers tool call " + r.id() + " that was not requested";
          }
        }
      }
    }
    return null;
  }

  /** The assistant tool request that the tool results at index i follow, or null. */
  private static AssistantMessage requestOf(List<Message> messages, int i) {
    int k = i - 1;
    while (k >= 0 && messages.get(k) instanceof ToolResponseMessage) {
      k--;
    }
    return k >= 0 && messages.get(k) instanceof AssistantMessage a && a.hasToolCalls() ? a : null;
  }

  private static String city(String arguments) {
    Matcher m = CITY.matcher(arguments == null ? "" : arguments);
    return m.find() ? m.group(1) : "?";
  }

  private static ChatResponse answer(AssistantMessage message) {
    return ChatResponse.builder()
        .generations(List.of(new Generation(message)))
        .metadata(ChatResponseMetadata.builder().usage(new DefaultUsage(10, 5)).build())
        .build();
  }
}
