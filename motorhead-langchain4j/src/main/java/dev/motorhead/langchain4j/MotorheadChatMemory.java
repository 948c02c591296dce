package dev.motorhead.langchain4j;

import static dev.motorhead.internal.Arguments.notNull;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryException;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.internal.Arguments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A LangChain4j {@link ChatMemory} over one Motorhead session: the recent messages verbatim, a
 * running summary of everything older (written in the background by the {@link MemoryClient}'s
 * summarizer, exactly once per message), a pinned system message, and prompts a model provider
 * accepts even when many callers share one memory id. Built like LangChain4j's own memories:
 *
 * <pre>{@code
 * ChatMemory memory = MotorheadChatMemory.builder()
 *     .id("user-42")
 *     .memoryClient(client)
 *     .build();
 * }</pre>
 *
 * For {@code AiServices} with a memory per user, use {@link MotorheadChatMemoryProvider}.
 *
 * <h2>What each method does</h2>
 * <ul>
 *   <li>{@link #add(ChatMessage)} is one append to the session, never a read-modify-write of the
 *       message list; {@link #add(Iterable)} appends all its messages in one atomic write. A
 *       {@link SystemMessage} is not appended: it becomes the session's <em>pinned</em> message,
 *       replacing the one before. One equal to the pinned message this memory last wrote or read
 *       is not written again, so {@code AiServices} adding it on every call costs nothing; if
 *       the session has lost it meanwhile (expired, cleared or replaced through another memory
 *       or JVM), the next {@link #messages()} writes it back and shows it.
 *   <li>{@link #messages()} returns, oldest first: the pinned system message; the running summary
 *       as one message, when there is one ({@link Builder#summaryMessage}: by default a
 *       {@link SystemMessage} reading {@value #DEFAULT_SUMMARY_PREFIX} followed by the summary);
 *       then the window. Every message is {@code equals} to the one added.
 *   <li>{@link #clear()} deletes the session: messages, summary, pinned message, long-term memory.
 *   <li>{@link #set(Iterable)} replaces everything the session shows, atomically, with the given
 *       messages: the first {@link SystemMessage} becomes the pinned one; a message equal to the
 *       summary message the latest {@link #messages()} of this memory returned keeps that
 *       summary, and without one the summary is removed; the others become the window, in order.
 *       A compaction in flight is fenced off. Messages other callers add during a {@code set}
 *       land before it (and are replaced) or after it.
 * </ul>
 *
 * <h2>Tool calls</h2>
 * An {@link AiMessage} that requests tool calls and the {@link ToolExecutionResultMessage}s that
 * answer it are stored as one group: compaction folds the group whole or keeps it whole, and
 * {@link #messages()} shows a group only once complete, each request directly followed by all its
 * results, even when other callers' messages were appended between them. A result is matched to
 * its request by tool-call id among the requests the same thread added since its latest user
 * message, then among the latest requests added to this memory by any thread. A result whose
 * request is unknown (added through another memory instance or JVM) is stored but never shown.
 *
 * <h2>Concurrent callers on one memory id</h2>
 * The session cannot know which caller is which, so this memory keeps, per calling thread, the
 * <em>turn</em> it is in: what the thread added since its latest {@link UserMessage} (the user
 * message, tool requests and results, up to and including the assistant's final answer, which
 * ends the turn). {@link #messages()} returns that turn last, from its own record, after the
 * other messages of the window: so each caller's prompt ends with its own question and its own
 * tool results, even if other callers appended in between or compaction has already folded part
 * of the turn into the summary (the folded part then shows twice: in the summary and verbatim).
 * This is what {@code AiServices} needs: it calls {@code add} and {@code messages()} on the
 * thread that called the service.
 *
 * <p>Limits: the guarantee holds per thread and per memory instance. {@code AiServices} keeps
 * one instance per memory id; if a turn moves between threads (a streaming call's callbacks,
 * your own executor), the messages are still stored, grouped and shown valid, but another
 * thread's turn may come last. Other callers' messages appear in append order, so a prompt may
 * hold another caller's unanswered question before the caller's own. A turn abandoned midway
 * (the model failed) stays until the thread adds its next user message.
 *
 * <h2>Other writers and tokens</h2>
 * Messages a {@link MemoryClient} or the HTTP server wrote to the same session, which have no
 * LangChain4j form, come back as a {@link SystemMessage}, an {@link AiMessage} (roles {@code
 * assistant}, {@code AI}) or a {@link UserMessage} of their content. Each stored message carries
 * a readable rendering for the summarizer (e.g. {@code called get_weather({"city":"Oslo"}) ->
 * 12°C}) and counts tokens as the client's token counter counts that rendering, or as {@link
 * Builder#tokenCountEstimator} estimates the LangChain4j message.
 *
 * <p>Thread-safe. Holds no resources: the {@link MemoryClient} is the caller's to close.
 *
 * @see MotorheadChatMemoryProvider
 */
public final class MotorheadChatMemory implements ChatMemory {
  /** The first line of the default summary message. */
  public static final String DEFAULT_SUMMARY_PREFIX = "Summary of the earlier conversation:";

  /** The memory id used when none is set, as LangChain4j's {@code ChatMemoryService.DEFAULT}. */
  public static final String DEFAULT_ID = "default";

  /** Tool requests remembered for results another thread adds; answered ones are forgotten. */
  private static final int RECENT_REQUESTS = 64;

  private final Object id;
  private final SessionMemory session;
  private final Function<String, ChatMessage> summaryMessage;
  private final TokenCountEstimator estimator;
  private final ThreadLocal<Turn> turns = new ThreadLocal<>();
  private final Map<String, Turn.Group> recentRequests =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Turn.Group> eldest) {
          return size() > RECENT_REQUESTS;
        }
      };
  private volatile SystemMessage lastPinned; // as last written or read
  private final AtomicReference<SystemMessage> wantedPinned = new AtomicReference<>();
  private volatile String lastSummary;

  MotorheadChatMemory(Object id, MemorySettings settings) {
    this.id = id;
    String sessionId = id.toString();
    if (sessionId.isBlank()) {
      throw new IllegalArgumentException("id must not be blank as a string (its toString() names "
          + "the session), was " + Arguments.shown(sessionId));
    }
    SessionMemory s = settings.client().session(sessionId);
    this.session = settings.namespace() == null ? s : s.inNamespace(settings.namespace());
    this.summaryMessage = settings.summaryMessage();
    this.estimator = settings.tokenCountEstimator();
  }

  /**
   * A builder for one session's memory; a {@link MotorheadChatMemoryProvider} builds one per memory
   * id instead.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The memory id this memory was built with; its {@code toString()} is the session id. */
  @Override
  public Object id() {
    return id;
  }

  /**
   * The Motorhead session this memory reads and writes.
   *
   * @return the session, in the builder's namespace if one was set
   */
  public SessionMemory session() {
    return session;
  }

  /**
   * Appends the message, or pins it if it is a {@link SystemMessage}, as described above.
   *
   * @throws IllegalArgumentException if message is null
   * @throws MemoryException if the store fails (nothing is recorded then)
   */
  @Override
  public void add(ChatMessage message) {
    notNull(message, "message");
    add(List.of(message));
  }

  /**
   * Appends the messages in one atomic write, in order, as {@link #add(ChatMessage)} would one by
   * one.
   *
   * @throws IllegalArgumentException if messages or one of them is null
   */
  @Override
  public void add(Iterable<ChatMessage> messages) {
    notNull(messages, "messages");
    Turn turn = turns.get();
    Turn working = turn == null ? null : turn.copy();
    SystemMessage pinned = null;
    List<Message> batch = new ArrayList<>();
    Map<String, Turn.Group> requested = new HashMap<>();
    int i = 0;
    for (ChatMessage m : messages) {
      if (m == null) {
        throw new IllegalArgumentException("messages[" + i + "] must not be null");
      }
      i++;
      if (m instanceof SystemMessage s) {
        wantedPinned.set(s);
        if (!s.equals(pinned == null ? lastPinned : pinned)) {
          batch.add(stored(s, null).pinned(true).build());
          pinned = s;
        }
        continue;
      }
      if (m instanceof UserMessage) {
        working = new Turn();
      }
      List<ToolExecutionRequest> requests = MessageCodec.requests(m);
      Message.Builder b;
      if (!requests.isEmpty()) {
        String groupId = UUID.randomUUID().toString();
        b = stored(m, null).id(groupId).group(groupId, 1 + requests.size());
        if (working == null) {
          working = new Turn();
        }
        for (ToolExecutionRequest r : requests) {
          if (r.id() != null) {
            requested.put(r.id(), new Turn.Group(groupId, 1 + requests.size(), r));
          }
        }
      } else if (m instanceof ToolExecutionResultMessage result) {
        Turn.Group group = working == null ? null : working.groupFor(result.id());
        boolean inTurn = group != null;
        Turn.Group recent;
        synchronized (recentRequests) {
          recent = recentRequests.remove(result.id());
        }
        requested.remove(result.id()); // answered in this very batch
        if (group == null) {
          group = recent;
        }
        if (group == null) {
          // its request is unknown here: stored in a group of its own that is never complete
          b = stored(m, null).group("unmatched:" + UUID.randomUUID(), 2);
        } else {
          b = stored(m, group.request()).group(group.id(), group.size());
        }
        Message s = b.build();
        batch.add(s);
        if (inTurn) {
          working.add(m, s);
        }
        continue;
      } else {
        b = stored(m, null);
      }
      Message s = b.build();
      batch.add(s);
      if (working != null) {
        working.add(m, s);
      }
      if (m instanceof AiMessage && requests.isEmpty()) {
        working = null; // the final answer ends the turn
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    session.add(batch);
    if (pinned != null) {
      lastPinned = pinned;
    }
    if (!requested.isEmpty()) {
      synchronized (recentRequests) {
        recentRequests.putAll(requested);
      }
    }
    if (working == null) {
      turns.remove();
    } else {
      turns.set(working);
    }
  }

  private Message.Builder stored(ChatMessage m, ToolExecutionRequest request) {
    String readable = MessageCodec.readable(m, request);
    Message.Builder b = Message.builder()
        .role(MessageCodec.role(m))
        .content(readable)
        .metadata(MessageCodec.exact(m, readable));
    if (estimator != null) {
      b.tokenCount(Math.max(1, estimator.estimateTokenCountInMessage(m)));
    }
    return b;
  }

  /**
   * The pinned system message, the summary message and the window, oldest first, with the
   * calling thread's current turn last, as described above. A new list on each call.
   *
   * @throws MemoryException if the store fails or a stored message cannot be read
   */
  @Override
  public List<ChatMessage> messages() {
    Memory memory = session.memory();
    List<ChatMessage> out = new ArrayList<>(memory.messages().size() + 2);
    ChatMessage pinned = memory.pinned().map(MessageCodec::decode).orElse(null);
    SystemMessage wanted = wantedPinned.getAndSet(null);
    if (wanted != null && !wanted.equals(pinned)) {
      // added since the last read but not written, as it was pinned then: the session has lost
      // it since (expired, cleared or replaced elsewhere), so it is written back
      session.add(stored(wanted, null).pinned(true).build());
      pinned = wanted;
    }
    lastPinned = pinned instanceof SystemMessage s ? s : null;
    if (pinned != null) {
      out.add(pinned);
    }
    String summary = memory.summary().orElse(null);
    lastSummary = summary;
    if (summary != null) {
      out.add(summaryMessage.apply(summary));
    }
    Turn turn = turns.get();
    if (turn == null) {
      memory.messages().forEach(m -> out.add(MessageCodec.decode(m)));
      return out;
    }
    Set<String> own = turn.storedIds();
    Set<String> ownGroups = turn.groupIds();
    Map<String, List<ChatMessage>> elsewhere = new HashMap<>();
    for (Message m : memory.messages()) {
      if (own.contains(m.id())) {
        continue;
      }
      String group = m.groupId().orElse(null);
      if (group != null && ownGroups.contains(group)) {
        elsewhere.computeIfAbsent(group, g -> new ArrayList<>()).add(MessageCodec.decode(m));
        continue;
      }
      out.add(MessageCodec.decode(m));
    }
    out.addAll(turn.prompt(elsewhere));
    return out;
  }

  /**
   * Replaces everything the session shows with these messages in one atomic write, as described
   * above. The calling thread's turn continues with the given messages from the last {@link
   * UserMessage} on, and with its tool requests still waiting for results, which are kept.
   *
   * @throws IllegalArgumentException if messages is null or empty, or holds a null
   * @throws MemoryException if the store fails
   */
  @Override
  public void set(Iterable<ChatMessage> messages) {
    notNull(messages, "messages");
    List<ChatMessage> given = new ArrayList<>();
    for (ChatMessage m : messages) {
      if (m == null) {
        throw new IllegalArgumentException("messages[" + given.size() + "] must not be null");
      }
      given.add(m);
    }
    if (given.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    String summary = lastSummary;
    ChatMessage summaryShown = summary == null ? null : summaryMessage.apply(summary);
    String context = "";
    SystemMessage pinned = null;
    List<ChatMessage> rest = new ArrayList<>();
    for (ChatMessage m : given) {
      if (context.isEmpty() && summaryShown != null && summaryShown.equals(m)) {
        context = summary;
      } else if (pinned == null && m instanceof SystemMessage s) {
        pinned = s;
      } else {
        rest.add(m);
      }
    }

    List<Message> stored = new ArrayList<>(rest.size() + 1);
    if (pinned != null) {
      stored.add(stored(pinned, null).pinned(true).build());
    }
    Turn old = turns.get();
    int turnStart = old == null ? -1 : lastUserMessage(rest);
    Turn turn = old == null ? null : new Turn();
    Map<String, Turn.Group> groups = new HashMap<>();
    for (int i = 0; i < rest.size(); i++) {
      ChatMessage m = rest.get(i);
      List<ToolExecutionRequest> requests = MessageCodec.requests(m);
      Message s;
      if (!requests.isEmpty()) {
        String groupId = UUID.randomUUID().toString();
        s = stored(m, null).id(groupId).group(groupId, 1 + requests.size()).build();
        for (ToolExecutionRequest r : requests) {
          groups.put(r.id(), new Turn.Group(groupId, 1 + requests.size(), r));
        }
      } else if (m instanceof ToolExecutionResultMessage result) {
        Turn.Group g = groups.get(result.id());
        s = g == null
            ? stored(m, null).group("unmatched:" + UUID.randomUUID(), 2).build()
            : stored(m, g.request()).group(g.id(), g.size()).build();
      } else {
        s = stored(m, null).build();
      }
      stored.add(s);
      if (turn != null && turnStart >= 0 && i >= turnStart) {
        turn.add(m, s);
      }
    }
    if (old != null) {
      for (Turn.Entry waiting : waitingForResults(old, rest)) {
        stored.add(waiting.stored());
        turn.add(waiting.chat(), waiting.stored());
      }
    }
    session.replace(context, stored);
    lastPinned = pinned;
    wantedPinned.set(null);
    lastSummary = context.isEmpty() ? null : context;
    if (turn != null) {
      turns.set(turn);
    }
  }

  private static int lastUserMessage(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The turn's tool requests still waiting for results (with the results they have) that are not
   * among the given messages: {@code messages()} never shows them, so a {@code set} of what it
   * showed would drop them before their results arrive.
   */
  private static List<Turn.Entry> waitingForResults(Turn turn, List<ChatMessage> given) {
    List<Turn.Entry> waiting = new ArrayList<>();
    for (Turn.Entry e : turn.entries()) {
      if (MessageCodec.requests(e.chat()).isEmpty() || given.contains(e.chat())) {
        continue;
      }
      String group = e.stored().id();
      List<Turn.Entry> results = turn.entries().stream()
          .filter(r -> r.chat() instanceof ToolExecutionResultMessage
              && r.stored().groupId().filter(group::equals).isPresent())
          .toList();
      if (results.size() < e.stored().groupSize() - 1) {
        waiting.add(e);
        waiting.addAll(results);
      }
    }
    return waiting;
  }

  /**
   * Deletes the session (messages, summary, pinned message, long-term memory) and forgets the
   * calling thread's turn.
   *
   * @throws MemoryException if the store fails
   */
  @Override
  public void clear() {
    session.delete();
    turns.remove();
    lastPinned = null;
    wantedPinned.set(null);
    lastSummary = null;
    synchronized (recentRequests) {
      recentRequests.clear();
    }
  }

  @Override
  public String toString() {
    return "MotorheadChatMemory{id=" + id + ", session=" + session + "}";
  }

  /**
   * Builds a {@link MotorheadChatMemory}, as LangChain4j's {@code MessageWindowChatMemory.builder()}
   * does. Each setter checks its argument at once. Not thread-safe.
   */
  public static final class Builder extends MemorySettings.Builder<Builder> {
    private Object id = DEFAULT_ID;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The memory id; its {@code toString()} is the session id, so two ids with the same string
     * (the number {@code 42} and the text {@code "42"}) share one session. {@value #DEFAULT_ID} by
     * default.
     *
     * @param id any object whose {@code toString()} is not blank
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder id(Object id) {
      this.id = notNull(id, "id");
      return this;
    }

    /**
     * @return a new memory, holding no resources of its own
     * @throws IllegalArgumentException if no memory client was set, or the id's string is blank
     */
    public MotorheadChatMemory build() {
      return new MotorheadChatMemory(id, settings());
    }
  }
}
