package dev.motorhead.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.service.AiServices;
import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionState;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.testing.LedgerSummarizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MotorheadChatMemory} through LangChain4j's real {@code AiServices}, with a tool and a
 * scripted model that rejects what providers reject. Every store runs the same scenarios: the
 * in-memory one as a unit test, Redis (Lettuce and Jedis, standalone and cluster) as ITs.
 */
abstract class ChatMemoryScenarios {
  private static final int THREADS = 16;
  private static final int CALLS = 50;

  private final List<AutoCloseable> open = new ArrayList<>();

  /** A store of the kind under test; each call may share one server but not its sessions. */
  protected abstract MessageStore newStore();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private MemoryClient client(int windowSize, Summarizer summarizer, CompactionMode mode) {
    MessageStore store = newStore();
    open.add(store);
    return client(store, windowSize, summarizer, mode);
  }

  private MemoryClient client(MessageStore store, int windowSize, Summarizer summarizer,
      CompactionMode mode) {
    MemoryClient client = MemoryClient.builder().store(store).summarizer(summarizer)
        .windowSize(windowSize).compactionMode(mode).build();
    open.add(client);
    return client;
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID();
  }

  @Test
  void everyMessageTypeComesBackEqualToWhatWasAdded() {
    MemoryClient client = client(50, new LedgerSummarizer(), CompactionMode.SYNC);
    String id = unique("round-trip");
    ChatMemory writer = MotorheadChatMemory.builder().id(id).memoryClient(client).build();
    writer.add(EveryMessageType.SYSTEM);
    EveryMessageType.conversation().forEach(writer::add);

    ChatMemory reader = MotorheadChatMemory.builder().id(id).memoryClient(client).build();

    List<ChatMessage> expected = new ArrayList<>();
    expected.add(EveryMessageType.SYSTEM);
    expected.addAll(EveryMessageType.conversation());
    assertThat(reader.messages()).containsExactlyElementsOf(expected);
    assertThat(writer.messages()).containsExactlyElementsOf(expected);
  }

  @Test
  void aFortyTurnConversationWithToolsKeepsAPinnedSystemMessageASummaryAndAValidWindow() {
    MemoryClient client = client(8, new LedgerSummarizer(), CompactionMode.SYNC);
    ProviderLikeModel model = new ProviderLikeModel();
    ProviderLikeModel.WeatherTool tool = new ProviderLikeModel.WeatherTool();
    AtomicReference<String> systemPrompt = new AtomicReference<>("You report the weather.");
    ProviderLikeModel.Assistant assistant = AiServices.builder(ProviderLikeModel.Assistant.class)
        .chatModel(model)
        .tools(tool)
        .systemMessageProvider(memoryId -> systemPrompt.get())
        .chatMemoryProvider(MotorheadChatMemoryProvider.builder().memoryClient(client).build())
        .build();
    String user = unique("forty-turns");

    for (int turn = 1; turn <= 40; turn++) {
      if (turn == 21) {
        systemPrompt.set("You report the weather, briefly.");
      }
      if (turn % 2 == 1) {
        String city = "City" + turn;
        assertThat(assistant.chat(user, ProviderLikeModel.question(city)))
            .isEqualTo(ProviderLikeModel.answer(city));
      } else {
        assertThat(assistant.chat(user, "Remember the number " + turn)).isEqualTo("Noted.");
      }
    }

    assertThat(model.rejections).isEmpty();
    assertThat(tool.calls).hasValue(20);
    List<ChatMessage> messages =
        MotorheadChatMemory.builder().id(user).memoryClient(client).build().messages();
    assertThat(messages.get(0)).isEqualTo(SystemMessage.from("You report the weather, briefly."));
    assertThat(messages.get(1)).isInstanceOfSatisfying(SystemMessage.class, s -> assertThat(s.text())
        .startsWith(MotorheadChatMemory.DEFAULT_SUMMARY_PREFIX + "\n")
        .contains("What is the weather in City1?", "Remember the number 2",
            "called temperature({\"arg0\":\"City1\"}) -> ")
        .doesNotContain("You report the weather"));
    List<ChatMessage> window = messages.subList(2, messages.size());
    assertThat(window).hasSizeBetween(2, 8).noneMatch(SystemMessage.class::isInstance);
    assertThat(window.get(0)).isNotInstanceOf(ToolExecutionResultMessage.class);
    assertThat(ProviderLikeModel.structureProblems(messages)).isEmpty();
    assertThat(window.get(window.size() - 1)).isEqualTo(AiMessage.from("Noted."));
    assertThat(client.session(user).memory().pinned()).hasValueSatisfying(p ->
        assertThat(p.content()).isEqualTo("You report the weather, briefly."));
  }

  @Test
  void theSystemMessageIsPinnedOnceAndReplacedWhenItChanges() {
    MemoryClient client = client(6, new LedgerSummarizer(), CompactionMode.SYNC);
    ChatMemory memory =
        MotorheadChatMemory.builder().id(unique("pinned")).memoryClient(client).build();

    for (int i = 0; i < 10; i++) {
      memory.add(SystemMessage.from("Be brief."));
      memory.add(UserMessage.from("question " + i));
      memory.add(AiMessage.from("answer " + i));
    }
    memory.add(SystemMessage.from("Be thorough."));

    List<ChatMessage> messages = memory.messages();
    assertThat(messages.get(0)).isEqualTo(SystemMessage.from("Be thorough."));
    assertThat(messages.stream().filter(SystemMessage.class::isInstance))
        .hasSize(2) // the pinned one and the summary
        .noneMatch(m -> ((SystemMessage) m).text().contains("Be brief."));
    assertThat(messages.get(messages.size() - 1)).isEqualTo(AiMessage.from("answer 9"));
    assertThat(((SystemMessage) messages.get(1)).text()).contains("question 0", "answer 0");
  }

  @Test
  void clearDeletesTheSessionAndTheNextCallStartsAfresh() {
    MemoryClient client = client(12, new LedgerSummarizer(), CompactionMode.SYNC);
    ProviderLikeModel model = new ProviderLikeModel();
    MotorheadChatMemoryProvider provider =
        MotorheadChatMemoryProvider.builder().memoryClient(client).build();
    ProviderLikeModel.Assistant assistant = AiServices.builder(ProviderLikeModel.Assistant.class)
        .chatModel(model)
        .tools(new ProviderLikeModel.WeatherTool())
        .systemMessageProvider(memoryId -> "You report the weather.")
        .chatMemoryProvider(provider)
        .build();
    String user = unique("clear");
    assistant.chat(user, ProviderLikeModel.question("Oslo"));

    provider.get(user).clear();

    assertThat(provider.get(user).messages()).isEmpty();
    assertThat(client.session(user).memory().pinned()).isEmpty();
    assertThat(assistant.chat(user, ProviderLikeModel.question("Bergen")))
        .isEqualTo(ProviderLikeModel.answer("Bergen"));
    assertThat(provider.get(user).messages()).hasSize(5)
        .first().isEqualTo(SystemMessage.from("You report the weather."));
    assertThat(model.rejections).isEmpty();
  }

  @Test
  void setReplacesTheSessionAndKeepsTheSummaryItWasShown() {
    MemoryClient client = client(4, new LedgerSummarizer(), CompactionMode.SYNC);
    ChatMemory memory = MotorheadChatMemory.builder().id(unique("set")).memoryClient(client).build();
    memory.add(SystemMessage.from("Be brief."));
    for (int i = 0; i < 6; i++) {
      memory.add(UserMessage.from("q" + i));
      memory.add(AiMessage.from("a" + i));
    }
    List<ChatMessage> shown = new ArrayList<>(memory.messages());
    ChatMessage summary = shown.get(1);
    shown.set(shown.size() - 1, AiMessage.from("a5, corrected"));

    memory.set(shown);

    assertThat(memory.messages()).containsExactlyElementsOf(shown);
    assertThat(MotorheadChatMemory.builder().id(memory.id()).memoryClient(client).build()
        .messages()).containsExactlyElementsOf(shown).contains(summary);
    memory.set(List.of(UserMessage.from("only this")));
    assertThat(memory.messages()).containsExactly(UserMessage.from("only this"));
  }

  @Test
  void sixteenUsersAtOnceEachGetTheirOwnAnswersFromValidPrompts() throws Exception {
    runConcurrently(false);
  }

  @Test
  void sixteenCallersOnOneMemoryIdGetValidPromptsAndTheirOwnAnswers() throws Exception {
    runConcurrently(true);
  }

  /**
   * 16 threads × 50 calls through an AI service with a tool: every request valid, every caller
   * answered for its own city, every message stored verbatim or in exactly one committed summary.
   *
   * <p>"Stored verbatim", the stronger statement, rather than "shown in the window": a message
   * the window does not show (a tool group still incomplete) must still be in the store.
   */
  private void runConcurrently(boolean oneMemoryId) throws Exception {
    LedgerSummarizer ledger = new LedgerSummarizer();
    MessageStore store = newStore();
    open.add(store);
    MemoryClient client = client(store, 12, ledger, CompactionMode.ASYNC);
    ProviderLikeModel model = new ProviderLikeModel();
    ProviderLikeModel.Assistant assistant = AiServices.builder(ProviderLikeModel.Assistant.class)
        .chatModel(model)
        .tools(new ProviderLikeModel.WeatherTool())
        .chatMemoryProvider(MotorheadChatMemoryProvider.builder().memoryClient(client).build())
        .build();
    String shared = unique("shared");
    Queue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String user = oneMemoryId ? shared : unique("user" + t);
      users.add(user);
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int c = 0; c < CALLS; c++) {
          String city = String.format("T%02dC%02d", thread, c);
          String answer = assistant.chat(user, ProviderLikeModel.question(city));
          if (!ProviderLikeModel.answer(city).equals(answer)) {
            wrongAnswers.add(city + " got " + answer);
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(model.rejections).as("requests the model rejected").isEmpty();
    assertThat(wrongAnswers).as("calls answered for another caller").isEmpty();
    assertThat(model.requests).hasValue(2 * THREADS * CALLS);
    await().atMost(Duration.ofMinutes(1)).until(() -> client.pendingCompactions() == 0);
    for (String user : users.stream().distinct().toList()) {
      client.session(user).compact();
      assertThat(ProviderLikeModel.structureProblems(
              MotorheadChatMemory.builder().id(user).memoryClient(client).build().messages()))
          .as("problems in what the memory shows after the run").isEmpty();
      SessionState stored = store.read(user, Integer.MAX_VALUE).join();
      String summary = stored.summary() == null ? "" : stored.summary();
      List<String> window = stored.messages().stream().map(Message::content).toList();
      for (int t = 0; t < THREADS; t++) {
        if (!oneMemoryId && !users.get(t).equals(user)) {
          continue;
        }
        for (int c = 0; c < CALLS; c++) {
          for (String content : contentsOfOneCall(String.format("T%02dC%02d", t, c))) {
            assertThat(occurrences(summary, content) + occurrences(window, content))
                .as("copies of \"%s\" in the summary and the window", content)
                .isEqualTo(1);
          }
        }
      }
    }
  }

  /** What one weather call stores, as the summarizer reads it. */
  private static List<String> contentsOfOneCall(String city) {
    String call = "temperature({\"arg0\":\"" + city + "\"})";
    return List.of(ProviderLikeModel.question(city), "calls " + call,
        "called " + call + " -> " + ProviderLikeModel.degrees(city) + " degrees in " + city,
        ProviderLikeModel.answer(city));
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private static int occurrences(List<String> contents, String content) {
    return (int) contents.stream().filter(content::equals).count();
  }
}
