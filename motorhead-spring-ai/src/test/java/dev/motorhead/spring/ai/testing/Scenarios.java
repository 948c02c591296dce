package dev.motorhead.spring.ai.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * The ChatClient scenarios both the Spring AI module and the Boot starter run: a long
 * conversation with tool calls, and many callers at once. A turn's messages are rendered so that
 * each is unique ({@code turn <id>: ...}, {@code called weather({"city":"<id>"})},
 * {@code weather -> "sunny in <id>."}, {@code answer to <id>...}), so a ledger summary can be
 * searched for each.
 */
public final class Scenarios {
  private Scenarios() {}

  /** Whether turn {@code i} asks for the weather: every third turn, and the last of 40. */
  public static boolean weatherTurn(int i) {
    return i % 3 == 0 || i == 40;
  }

  /**
   * Forty turns on one conversation, every third with a tool call; checks every answer and that
   * the model never got an invalid prompt, then that the last prompts hold the summary and the
   * window.
   */
  public static void fortyTurnsWithToolCalls(
      ChatClient chat, JudgingChatModel model, ChatMemory memory, String conversation,
      int windowSize) {
    for (int i = 1; i <= 40; i++) {
      String turn = conversation + "-t" + i;
      assertThat(ChatClients.turn(chat, conversation, turn, weatherTurn(i)))
          .isEqualTo(ChatClients.expectedAnswer(turn, weatherTurn(i)));
    }
    assertThat(model.problems()).as("prompts a provider would reject").isEmpty();

    List<List<Message>> prompts = model.prompts();
    // turn 40 asks for the weather: the prompt of the question, then of the tool result
    List<Message> question = prompts.get(prompts.size() - 2);
    List<Message> toolResult = prompts.get(prompts.size() - 1);

    assertThat(question.get(0)).isInstanceOf(SystemMessage.class);
    assertThat(question.get(0).getText()).startsWith(MotorheadChatMemory.DEFAULT_SUMMARY_PREFIX)
        .contains("turn " + conversation + "-t1:");
    List<Message> window = question.subList(1, question.size() - 2); // then app system, user
    assertThat(window).isNotEmpty().hasSizeLessThanOrEqualTo(windowSize);
    assertThat(window.get(0)).isNotInstanceOf(ToolResponseMessage.class);
    assertThat(question.get(question.size() - 2).getText()).isEqualTo("You are a weather assistant.");
    assertThat(question.get(question.size() - 1))
        .isEqualTo(new UserMessage(ChatClients.userText(conversation + "-t40", true)));

    assertThat(toolResult.get(0).getText()).isEqualTo("You are a weather assistant.");
    assertThat(toolResult.get(1)).isInstanceOf(UserMessage.class);
    assertThat(toolResult.get(1).getText()).startsWith(MotorheadChatMemory.DEFAULT_SUMMARY_PREFIX);
    assertThat(toolResult.get(toolResult.size() - 1)).isInstanceOf(ToolResponseMessage.class);

    List<Message> remembered = memory.get(conversation);
    assertThat(JudgingChatModel.problem(remembered)).isNull();
    assertThat(remembered.get(0).getText()).startsWith(MotorheadChatMemory.DEFAULT_SUMMARY_PREFIX);
    assertThat(remembered.get(remembered.size() - 1).getText())
        .isEqualTo(ChatClients.expectedAnswer(conversation + "-t40", true));
  }

  /** One caller's turn that went wrong. */
  public record Mismatch(String turn, String expected, String got) {}

  /**
   * {@code threads} callers, each running {@code turns} turns (every third with a tool call) on
   * the conversation {@code conversationOf(thread)}, all released at once.
   *
   * @return the turns whose answer was not their own, or that failed
   */
  public static List<Mismatch> concurrentTurns(
      ChatClient chat, int threads, int turns, IntFunction<String> conversationOf)
      throws Exception {
    List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          String conversation = conversationOf.apply(thread);
          for (int i = 1; i <= turns; i++) {
            String turn = "th" + thread + "-t" + i;
            String expected = ChatClients.expectedAnswer(turn, weatherTurn(i));
            try {
              String got = ChatClients.turn(chat, conversation, turn, weatherTurn(i));
              if (!expected.equals(got)) {
                mismatches.add(new Mismatch(turn, expected, got));
              }
            } catch (RuntimeException e) {
              mismatches.add(new Mismatch(turn, expected, e.toString()));
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return mismatches;
  }

  /**
   * {@link #concurrentTurns}, then checks that every call got its own answer, the model never got
   * an invalid prompt, and, once each conversation is compacted, every message of every turn is
   * in its session (window or not: a tool result whose request another caller's compaction
   * folded first waits there, out of prompts, to be folded in its turn) or in exactly one ledger
   * summary. The client's compaction must be {@code SYNC} (or otherwise idle at the end).
   */
  public static void manyCallersLoseNothingAndFoldNothingTwice(
      ChatClient chat, JudgingChatModel model, MemoryClient client, MessageStore store,
      int threads, int turns, IntFunction<String> conversationOf) throws Exception {
    assertThat(concurrentTurns(chat, threads, turns, conversationOf)).isEmpty();
    assertThat(model.problems()).as("prompts a provider would reject").isEmpty();
    Set<String> conversations = new LinkedHashSet<>();
    for (int t = 0; t < threads; t++) {
      conversations.add(conversationOf.apply(t));
    }
    StringBuilder all = new StringBuilder();
    for (String c : conversations) {
      client.session(c).compact();
      SessionState state = store.read(c, Integer.MAX_VALUE).join();
      if (state.summary() != null) {
        all.append(state.summary()).append('\n');
      }
      state.messages().forEach(m -> all.append(m.content()).append('\n'));
    }
    assertThat(notExactlyOnce(all.toString(), linesOf(threads, turns))).isEmpty();
  }

  /** The stored lines the turns of {@link #fortyTurnsWithToolCalls} leave. */
  public static List<String> fortyTurnLines(String conversation) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      addTurn(lines, conversation + "-t" + i, weatherTurn(i));
    }
    return lines;
  }

  private static void addTurn(List<String> lines, String turn, boolean weather) {
    lines.add(ChatClients.userText(turn, weather));
    if (weather) {
      lines.add("called weather({\"city\":\"" + turn + "\"})");
      lines.add("weather -> " + ChatClients.toolResult(turn));
    }
    lines.add(ChatClients.expectedAnswer(turn, weather));
  }

  /** The stored lines each turn of {@link #concurrentTurns} leaves, as the summarizer reads them. */
  public static List<String> linesOf(int threads, int turns) {
    List<String> lines = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 1; i <= turns; i++) {
        addTurn(lines, "th" + t + "-t" + i, weatherTurn(i));
      }
    }
    return lines;
  }

  /**
   * How often each line appears in a session's memory, in the window or in its ledger summary
   * (which holds every folded message's content): exactly once each when nothing was lost or
   * folded twice.
   *
   * @return the lines that do not appear exactly once, with their counts
   */
  public static List<String> notExactlyOnce(List<Memory> sessions, List<String> lines) {
    StringBuilder all = new StringBuilder();
    for (Memory m : sessions) {
      m.summary().ifPresent(s -> all.append(s).append('\n'));
      m.messages().forEach(msg -> all.append(msg.content()).append('\n'));
    }
    return notExactlyOnce(all.toString(), lines);
  }

  /** The lines that do not appear exactly once in the text, with their counts. */
  private static List<String> notExactlyOnce(String text, List<String> lines) {
    List<String> wrong = new ArrayList<>();
    for (String line : lines) {
      int count = 0;
      for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
        count++;
      }
      if (count != 1) {
        wrong.add(count + "x " + line);
      }
    }
    return wrong;
  }
}
