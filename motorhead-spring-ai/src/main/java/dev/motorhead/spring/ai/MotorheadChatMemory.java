package dev.motorhead.spring.ai;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.SessionMemory;
import dev.motorhead.spring.ai.MessageConverter.Group;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * A Spring AI {@link ChatMemory} on a Motorhead {@link MemoryClient}: summarizing,
 * exactly-once memory for {@code ChatClient} advisors, on any Motorhead store (in memory, Redis,
 * Redis Cluster). Each conversation id names one Motorhead session.
 *
 * <pre>{@code
 * MemoryClient client = MemoryClient.builder().windowSize(12).build();
 * ChatMemory memory = MotorheadChatMemory.create(client);
 * ChatClient chat = ChatClient.builder(chatModel)
 *     .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
 *     .build();
 * String answer = chat.prompt().user("I only eat vegan food")
 *     .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "user-42"))
 *     .call().content();
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>{@link #add(String, List)} appends the messages in one atomic store write: never a
 *       read-modify-write of the list, so concurrent callers lose nothing. Past the client's
 *       window, older messages are folded into the running summary (in the background by
 *       default) instead of being dropped.
 *   <li>{@link #get(String)} returns, oldest first: the conversation's system message, the
 *       running summary as one message (a {@link SystemMessage} by default, see
 *       {@link Builder#summaryMessage(Function)}), then the window. With no summary yet, no
 *       summary message.
 *   <li>{@link #clear(String)} deletes the session: messages, summary and long-term memory.
 * </ul>
 *
 * <h2>Messages</h2>
 * {@link UserMessage} (with media), {@link AssistantMessage} (with tool calls and media),
 * {@link ToolResponseMessage} and {@link SystemMessage} come back from {@code get} as they were
 * added, text and metadata included (metadata values of other than plain JSON-like types come back
 * as their {@code toString()}; media, which Spring AI compares by identity, come back with equal
 * MIME type, id, name and data). The summarizer reads a plain rendering: tool calls as
 * {@code called get_weather({"city":"Oslo"})}, results as {@code get_weather -> 12°C}, media as
 * {@code [image/png: photo.png]}.
 *
 * <p><b>System message.</b> A {@link SystemMessage} is pinned: it never counts toward the window,
 * is never summarized, comes first, and a different one replaces it (as
 * {@code MessageWindowChatMemory} does).
 *
 * <p><b>Tool calls.</b> An assistant message asking for {@code n} tool calls and the {@code n}
 * tool responses answering it are stored as one group (matched by tool-call id): compaction folds
 * or keeps them together, and no reader sees the request before all its results are stored, so
 * no prompt holds an orphan tool result or an unanswered request. A tool result whose request
 * this JVM did not store (another instance stored it, or it waited longer than
 * {@link Builder#toolResultTimeout(Duration)}) is kept out of every prompt, with a warning.
 * Only the thread that added the
 * request sees it while its results are pending, which is what a memory advisor inside Spring AI's
 * tool-calling loop ({@code ToolCallingAdvisor} with {@code disableInternalConversationHistory()}
 * and the memory advisor ordered after it) needs. While that thread is inside the loop, {@code get}
 * returns no system message: the advisor puts the prompt's own system message just before the
 * tool results and moves only the first system message of the prompt to the front, so a system
 * message of ours would separate the request from its results. The summary then comes as a
 * {@link UserMessage} ({@link Builder#toolLoopSummaryPrefix(String)}) and the pinned system message
 * is left out of that call (the prompt's own system message is in it). With the default advisor
 * order, Spring AI keeps tool calls out of memory altogether and only the final answer is stored.
 *
 * <p>Thread-safe; share one instance. It holds no conversation state beyond the tool requests
 * waiting for their results. Closing the {@link MemoryClient} is the caller's business.
 */
public final class MotorheadChatMemory implements ChatMemory {
  private static final Logger log = LoggerFactory.getLogger(MotorheadChatMemory.class);
  /** The text that introduces the summary in the default summary message. */
  public static final String DEFAULT_SUMMARY_PREFIX = "Summary of the conversation so far:\n";

  private final MemoryClient client;
  private final Function<String, ? extends Message> summaryMessage;
  private final String toolLoopSummaryPrefix;
  private final OpenToolCalls openToolCalls;
  private final Duration toolResultTimeout;

  private MotorheadChatMemory(Builder b) {
    this.client = b.client;
    this.summaryMessage = b.summaryMessage;
    this.toolLoopSummaryPrefix = b.toolLoopSummaryPrefix;
    this.openToolCalls = new OpenToolCalls(b.toolResultTimeout, b.clock);
    this.toolResultTimeout = b.toolResultTimeout;
  }

  /**
   * A chat memory with the defaults: the summary as a {@link SystemMessage}.
   *
   * @param client the Motorhead client holding the sessions; the caller's, who closes it
   * @return a new chat memory
   * @throws IllegalArgumentException if client is null
   */
  public static MotorheadChatMemory create(MemoryClient client) {
    return builder(client).build();
  }

  /**
   * A builder for a chat memory on this client; built unchanged, it gives what {@link #create}
   * does.
   *
   * @param client the Motorhead client holding the sessions; the caller's, who closes it
   * @return a new builder
   * @throws IllegalArgumentException if client is null
   */
  public static Builder builder(MemoryClient client) {
    return new Builder(notNull(client, "client"));
  }

  /**
   * Appends the messages, oldest first, in one atomic store write. A {@link SystemMessage}
   * replaces the conversation's pinned system message.
   *
   * @throws IllegalArgumentException if conversationId is blank or messages is or holds null
   * @throws dev.motorhead.MemoryException if the store fails
   */
  @Override
  public void add(String conversationId, List<Message> messages) {
    SessionMemory session = client.session(notBlank(conversationId, "conversationId"));
    notNull(messages, "messages");
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) == null) {
        throw new IllegalArgumentException("messages[" + i + "] must not be null");
      }
    }
    List<dev.motorhead.Message> stored = new ArrayList<>(messages.size());
    List<String> opened = new ArrayList<>();
    for (Message m : messages) {
      if (m instanceof SystemMessage system) {
        stored.add(MessageConverter.system(system));
      } else if (m instanceof AssistantMessage assistant) {
        String id = UUID.randomUUID().toString();
        stored.add(MessageConverter.assistant(assistant, id));
        if (assistant.hasToolCalls()) {
          // registered now, so a response later in this batch finds its request
          openToolCalls.opened(conversationId, id, assistant);
          opened.add(id);
        }
      } else if (m instanceof ToolResponseMessage tool) {
        List<Group> groups = openToolCalls.answered(conversationId, tool.getResponses());
        if (groups.contains(null)) {
          log.warn("Conversation {}: a tool result answers no tool request this JVM stored "
              + "(stored by another instance, or more than {} ago); it is kept out of prompts",
              conversationId, toolResultTimeout);
        }
        stored.addAll(MessageConverter.toolResponses(tool, groups));
      } else if (m instanceof UserMessage user) {
        stored.add(MessageConverter.user(user));
      } else {
        stored.add(MessageConverter.user(UserMessage.builder()
            .text(m.getText() == null ? "" : m.getText())
            .metadata(m.getMetadata())
            .build()));
      }
    }
    try {
      session.add(stored);
    } catch (RuntimeException e) {
      openToolCalls.withdraw(conversationId, opened); // not stored: nobody waits for them
      throw e;
    }
  }

  /**
   * The pinned system message, the summary message, then the window, oldest first; for the
   * calling thread, also its tool requests still waiting for results, last.
   *
   * @throws IllegalArgumentException if conversationId is blank
   * @throws dev.motorhead.MemoryException if the store fails
   */
  @Override
  public List<Message> get(String conversationId) {
    Memory memory = client.session(notBlank(conversationId, "conversationId")).memory();
    List<Message> open = openToolCalls.ownedByCurrentThread(conversationId);
    List<Message> out = new ArrayList<>(memory.messages().size() + open.size() + 2);
    if (open.isEmpty()) {
      memory.pinned().ifPresent(p -> out.add(MessageConverter.toSpring(p)));
      memory.summary().ifPresent(s -> out.add(summaryMessage.apply(s)));
    } else {
      // Inside a tool-calling loop the advisor puts the prompt's own system message between our
      // messages and the tool results, and moves only the first system message to the front:
      // so no system message of ours here, or it would separate the request from its results.
      memory.summary().ifPresent(s -> out.add(new UserMessage(toolLoopSummaryPrefix + s)));
    }
    out.addAll(MessageConverter.toSpring(memory.messages()));
    out.addAll(open);
    return out;
  }

  /**
   * Deletes the conversation's session: messages, summary and long-term memory.
   *
   * @throws IllegalArgumentException if conversationId is blank
   * @throws dev.motorhead.MemoryException if the store fails
   */
  @Override
  public void clear(String conversationId) {
    client.session(notBlank(conversationId, "conversationId")).delete();
    openToolCalls.forget(conversationId);
  }

  @Override
  public String toString() {
    return "MotorheadChatMemory{" + client + "}";
  }

  /** Builds a {@link MotorheadChatMemory}. Each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private final MemoryClient client;
    private Function<String, ? extends Message> summaryMessage =
        summary -> new SystemMessage(DEFAULT_SUMMARY_PREFIX + summary);
    private String toolLoopSummaryPrefix = DEFAULT_SUMMARY_PREFIX;
    private Duration toolResultTimeout = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();

    private Builder(MemoryClient client) {
      this.client = client;
    }

    /**
     * How the running summary is shown to the model: a function from the summary text to the
     * message {@code get} puts after the system message. By default a {@link SystemMessage}
     * reading {@value #DEFAULT_SUMMARY_PREFIX}{@code <summary>}; models that take one system
     * message only may prefer {@code s -> new UserMessage("Earlier: " + s)}.
     *
     * @param summaryMessage called by each {@code get} that has a summary, with its text
     * @return this builder
     * @throws IllegalArgumentException if summaryMessage is null
     */
    public Builder summaryMessage(Function<String, ? extends Message> summaryMessage) {
      this.summaryMessage = notNull(summaryMessage, "summaryMessage");
      return this;
    }

    /**
     * The text before the summary in the {@link UserMessage} that carries it while the calling
     * thread is inside a tool-calling loop (see the class comment); {@value
     * #DEFAULT_SUMMARY_PREFIX} by default.
     *
     * @param toolLoopSummaryPrefix put before the summary text as it is; may be empty
     * @return this builder
     * @throws IllegalArgumentException if toolLoopSummaryPrefix is null
     */
    public Builder toolLoopSummaryPrefix(String toolLoopSummaryPrefix) {
      this.toolLoopSummaryPrefix = notNull(toolLoopSummaryPrefix, "toolLoopSummaryPrefix");
      return this;
    }

    /**
     * How long a tool request waits for its results before its thread stops seeing it; 10
     * minutes by default. The request stays stored either way; it shows once its results are in.
     *
     * @param toolResultTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if toolResultTimeout is null, zero or negative
     */
    public Builder toolResultTimeout(Duration toolResultTimeout) {
      this.toolResultTimeout = positive(toolResultTimeout, "toolResultTimeout");
      return this;
    }

    /**
     * The time source for {@link #toolResultTimeout(Duration)}; the system clock by default.
     * Tests pass a clock they move.
     *
     * @param clock the clock that tool requests are timed by
     * @return this builder
     * @throws IllegalArgumentException if clock is null
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the chat memory; the settings were checked as they were set.
     *
     * @return a new chat memory, thread-safe, to share
     */
    public MotorheadChatMemory build() {
      return new MotorheadChatMemory(this);
    }
  }
}
