package dev.motorhead;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.internal.Backoff;
import dev.motorhead.internal.Futures;
import dev.motorhead.internal.SafeListener;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import dev.motorhead.summarize.OfflineSummarizer;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point: chat memory for many sessions over one store, summarizer and (optionally)
 * long-term memory. Build one per application and share it; it is thread-safe.
 *
 * <p>Each session keeps its recent messages verbatim, at most {@link Builder#windowSize(int)}
 * of them. When a session grows past its window (or past its token budget) the oldest messages
 * are folded into the session's running summary, keeping the newest half of the window. Every
 * message either stays in the window or is folded into exactly one committed summary, however
 * many threads, clients and JVMs write the same session.
 *
 * <pre>{@code
 * try (MemoryClient client = MemoryClient.builder().windowSize(12).build()) {
 *   SessionMemory session = client.session("user-42:thread-7");
 *   session.add(Message.of("Human", "I want a vegan dinner recipe"),
 *               Message.of("AI", "How about a chickpea curry?"));
 *   Memory memory = session.memory();
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #close()} stops background compaction, letting compactions already due
 * finish within {@link Builder#closeTimeout(Duration)}, and closes the store only if the client
 * created it (the default in-memory store). A store, summarizer or long-term memory you passed in is
 * yours to close.
 */
public final class MemoryClient implements AutoCloseable {
  private final MessageStore store;
  private final boolean ownsStore;
  private final Summarizer summarizer;
  private final LongTermMemory longTermMemory;
  private final TokenCounter tokenCounter;
  private final int maxMessageLength;
  private final int windowSize;
  private final long maxWindowTokens;
  private final CompactionMode compactionMode;
  private final Clock clock;
  private final MemoryListener listener;
  private final Compactor compactor;
  /** Runs the blocking part of asynchronous operations (long-term memory deletes). */
  private final java.util.concurrent.ExecutorService blocking =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "motorhead-blocking");
        t.setDaemon(true);
        return t;
      });

  private MemoryClient(Builder b) {
    this.ownsStore = b.store == null;
    this.store = ownsStore ? InMemoryMessageStore.builder().clock(b.clock).build() : b.store;
    this.summarizer = b.summarizer != null ? b.summarizer : OfflineSummarizer.create();
    this.longTermMemory = b.longTermMemory;
    this.tokenCounter = b.tokenCounter;
    this.maxMessageLength = b.maxMessageLength;
    this.windowSize = b.windowSize;
    this.maxWindowTokens = b.maxWindowTokens;
    this.compactionMode = b.compactionMode;
    this.clock = b.clock;
    this.listener = SafeListener.of(b.listener);
    this.compactor =
        new Compactor(
            store,
            summarizer,
            listener,
            new Compactor.Settings(
                windowSize, maxWindowTokens, compactionMode, b.compactionThreads,
                b.maxPendingCompactions, b.leaseDuration, b.backoff, b.closeTimeout,
                b.groupCompletionTimeout),
            tokenCounter,
            clock);
  }

  /**
   * A client on an in-memory store with the offline summarizer and a window of 12.
   *
   * @return a new client, which the caller closes
   */
  public static MemoryClient create() {
    return builder().build();
  }

  /**
   * A builder with the defaults each of its setters names; call {@link Builder#build()} once set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The memory of one session, in the default namespace. Cheap: it holds no state of its own,
   * so call it per request.
   *
   * @param sessionId any non-blank string; ids are compared exactly, whatever their characters
   * @return the session's memory, a view over the store
   * @throws IllegalArgumentException if sessionId is null or blank
   */
  public SessionMemory session(String sessionId) {
    return new SessionMemory(this, notBlank(sessionId, "sessionId"), MessageStore.DEFAULT_NAMESPACE);
  }

  /**
   * Session ids of the default namespace, least recently written first (Motorhead's order).
   *
   * @param page 1-based
   * @param size 1 to 100
   * @return up to {@code size} ids, empty past the last page
   * @throws IllegalArgumentException if page is below 1 or size outside 1 to 100
   * @throws StoreException if the store fails
   */
  public List<String> sessions(int page, int size) {
    return sessions(MessageStore.DEFAULT_NAMESPACE, page, size, SessionOrder.LEAST_RECENT_FIRST);
  }

  /**
   * Session ids written in a namespace, least recently written first.
   *
   * @param namespace the namespace, {@link MessageStore#DEFAULT_NAMESPACE} for the default
   * @param page 1-based
   * @param size 1 to 100
   * @return up to {@code size} ids, empty past the last page
   * @throws IllegalArgumentException if namespace is null, page is below 1 or size outside 1 to 100
   * @throws StoreException if the store fails
   */
  public List<String> sessions(String namespace, int page, int size) {
    return sessions(namespace, page, size, SessionOrder.LEAST_RECENT_FIRST);
  }

  /**
   * Session ids written in a namespace, in the order asked for.
   *
   * @param namespace the namespace, {@link MessageStore#DEFAULT_NAMESPACE} for the default
   * @param page 1-based
   * @param size 1 to 100
   * @param order by last write, oldest or newest first
   * @return up to {@code size} ids, empty past the last page
   * @throws IllegalArgumentException if an argument is null or out of range
   * @throws StoreException if the store fails
   */
  public List<String> sessions(String namespace, int page, int size, SessionOrder order) {
    return Futures.join(sessionsAsync(namespace, page, size, order));
  }

  /**
   * The asynchronous form of {@link #sessions(String, int, int, SessionOrder)}.
   *
   * @param namespace the namespace, {@link MessageStore#DEFAULT_NAMESPACE} for the default
   * @param page 1-based
   * @param size 1 to 100
   * @param order by last write, oldest or newest first
   * @return the ids; completes exceptionally with a {@link StoreException} if the store fails
   * @throws IllegalArgumentException at once for a bad argument
   */
  public CompletableFuture<List<String>> sessionsAsync(
      String namespace, int page, int size, SessionOrder order) {
    notNull(namespace, "namespace");
    atLeast(page, 1, "page");
    between(size, 1, 100, "size");
    notNull(order, "order");
    return store.sessions(namespace, page, size, order);
  }

  /**
   * The most messages a session keeps verbatim, as set by {@link Builder#windowSize(int)}.
   *
   * @return at least 2
   */
  public int windowSize() {
    return windowSize;
  }

  /**
   * Sessions with a background compaction pending, running or waiting to retry.
   *
   * @return a count of sessions, for a gauge
   */
  public int pendingCompactions() {
    return compactor.pendingSessions();
  }

  /**
   * Messages waiting to be folded into summaries, over the sessions with a background
   * compaction pending: for each, its messages beyond half the window as of its last write.
   * A gauge for operators (motorhead-micrometer publishes it); {@code 0} when compaction keeps
   * up, and always in {@link CompactionMode#SYNC}.
   *
   * @return a count, at least {@code 0}
   */
  public long compactionBacklog() {
    return compactor.backlog();
  }

  /**
   * Whether long-term memory is on, so that {@link SessionMemory#search} can answer.
   *
   * @return false with the default {@link LongTermMemory#NONE}
   */
  public boolean longTermMemoryEnabled() {
    return longTermMemory.isEnabled();
  }

  /** Stops compaction (bounded by the close timeout) and closes what the client created. */
  @Override
  public void close() {
    compactor.close();
    blocking.shutdown();
    if (ownsStore) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "MemoryClient{store=" + store + ", summarizer=" + summarizer.getClass().getSimpleName()
        + ", windowSize=" + windowSize + ", compaction=" + compactionMode + "}";
  }

  MessageStore store() {
    return store;
  }

  LongTermMemory longTermMemory() {
    return longTermMemory;
  }

  /** Whether messages get their token count when added: only a token budget needs it then. */
  boolean countsTokensOnWrite() {
    return maxWindowTokens != Long.MAX_VALUE;
  }

  java.util.concurrent.Executor blockingExecutor() {
    return blocking;
  }

  int maxMessageLength() {
    return maxMessageLength;
  }

  TokenCounter tokenCounter() {
    return tokenCounter;
  }

  Compactor compactor() {
    return compactor;
  }

  Clock clock() {
    return clock;
  }

  /** Builds a {@link MemoryClient}. Each setter validates its argument at once. Not thread-safe. */
  public static final class Builder {
    private MessageStore store;
    private Summarizer summarizer;
    private LongTermMemory longTermMemory = LongTermMemory.NONE;
    private TokenCounter tokenCounter = TokenCounter.defaultCounter();
    private int maxMessageLength = 1_000_000;
    private int windowSize = 12;
    private long maxWindowTokens = Long.MAX_VALUE;
    private CompactionMode compactionMode = CompactionMode.ASYNC;
    private int compactionThreads = 2;
    private int maxPendingCompactions = 10_000;
    private Duration leaseDuration = Duration.ofMinutes(2);
    private Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(5));
    private Duration closeTimeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private MemoryListener listener = MemoryListener.NONE;
    private Duration groupCompletionTimeout = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Where sessions live; an {@link InMemoryMessageStore} by default.
     *
     * @param store a store the caller owns and closes
     * @return this builder
     */
    public Builder store(MessageStore store) {
      this.store = notNull(store, "store");
      return this;
    }

    /**
     * What folds old messages into the summary; {@link OfflineSummarizer} by default.
     *
     * @param summarizer a summarizer the caller owns; called on the compaction threads (in
     *     {@code SYNC} mode, inside {@code add})
     * @return this builder
     */
    public Builder summarizer(Summarizer summarizer) {
      this.summarizer = notNull(summarizer, "summarizer");
      return this;
    }

    /**
     * Long-term memory; {@link LongTermMemory#NONE} (off) by default.
     *
     * @param longTermMemory long-term memory the caller owns and closes
     * @return this builder
     */
    public Builder longTermMemory(LongTermMemory longTermMemory) {
      this.longTermMemory = notNull(longTermMemory, "longTermMemory");
      return this;
    }

    /**
     * Counts message tokens, for the token budget (as messages are added, only when a budget is
     * set) and for the summarizer's input budget (as messages are folded);
     * {@code o200k_base} by default.
     *
     * @param tokenCounter a thread-safe counter
     * @return this builder
     */
    public Builder tokenCounter(TokenCounter tokenCounter) {
      this.tokenCounter = notNull(tokenCounter, "tokenCounter");
      return this;
    }

    /**
     * The longest content, in characters, one message may have; 1,000,000 by default. A longer
     * message is refused by {@code add} with an {@link IllegalArgumentException} naming this
     * limit, and nothing of the call is written.
     *
     * @param maxMessageLength characters, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxMessageLength(int maxMessageLength) {
      this.maxMessageLength = atLeast(maxMessageLength, 1, "maxMessageLength");
      return this;
    }

    /**
     * The most messages a session keeps verbatim (Motorhead's {@code MOTORHEAD_MAX_WINDOW_SIZE});
     * 12 by default. Past it, compaction keeps the newest {@code windowSize / 2}.
     *
     * @param windowSize messages, at least 2
     * @return this builder
     * @throws IllegalArgumentException if below 2
     */
    public Builder windowSize(int windowSize) {
      this.windowSize = atLeast(windowSize, 2, "windowSize");
      return this;
    }

    /**
     * The most tokens a session keeps verbatim; none by default. Past it, compaction also folds
     * the oldest messages until the rest fit in half the budget.
     *
     * @param maxWindowTokens tokens, as counted by the {@link #tokenCounter(TokenCounter)}, at
     *     least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxWindowTokens(long maxWindowTokens) {
      this.maxWindowTokens = atLeast(maxWindowTokens, 1, "maxWindowTokens");
      return this;
    }

    /**
     * When compaction runs; {@link CompactionMode#ASYNC} by default.
     *
     * @param compactionMode {@code ASYNC} on background threads, {@code SYNC} inside {@code add}
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder compactionMode(CompactionMode compactionMode) {
      this.compactionMode = notNull(compactionMode, "compactionMode");
      return this;
    }

    /**
     * Threads that run compactions (and summarizer calls); 2 by default.
     *
     * @param compactionThreads 1 to 256
     * @return this builder
     * @throws IllegalArgumentException if outside 1 to 256
     */
    public Builder compactionThreads(int compactionThreads) {
      this.compactionThreads = between(compactionThreads, 1, 256, "compactionThreads");
      return this;
    }

    /**
     * The most sessions with a background compaction pending at once; 10,000 by default. Past
     * it a session's compaction waits for its next write (nothing is lost).
     *
     * @param maxPendingCompactions sessions, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPendingCompactions(int maxPendingCompactions) {
      this.maxPendingCompactions = atLeast(maxPendingCompactions, 1, "maxPendingCompactions");
      return this;
    }

    /**
     * How long a compaction holds a session's lease before another may take over, renewed
     * between summarizer calls; 2 minutes by default. Longer than one summarizer call.
     *
     * @param leaseDuration positive
     * @return this builder
     * @throws IllegalArgumentException if null, zero or negative
     */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = positive(leaseDuration, "leaseDuration");
      return this;
    }

    /**
     * Backoff between failed compactions of a session: doubling from {@code initial} up to
     * {@code max}, with jitter; 1 second to 5 minutes by default.
     *
     * @param initial the first delay, positive
     * @param max the longest delay, at least {@code initial}
     * @return this builder
     * @throws IllegalArgumentException if a delay is null or not positive, or max is below initial
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.backoff = Backoff.of(initial, max);
      return this;
    }

    /**
     * How long {@link MemoryClient#close()} waits for running compactions; 10 s by default.
     *
     * @param closeTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if null, zero or negative
     */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = positive(closeTimeout, "closeTimeout");
      return this;
    }

    /**
     * The time source for message times, activity and backoff; the system UTC clock by default.
     *
     * @param clock the clock; tests pass a fixed or moving one
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * How long compaction keeps an incomplete group (a tool-call request whose results have
     * not all arrived, see {@link Message#groupSize()}) from being folded, counted from its
     * newest member's creation time; 5 minutes by default. Folding it earlier would orphan the
     * results still to come. Past it the group is folded like any other, so a tool that never
     * answers cannot stop a session's compaction for good. Meanwhile the group is hidden from
     * {@link Memory#messages()} and the window may grow past its size.
     *
     * @param groupCompletionTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if null, zero or negative
     */
    public Builder groupCompletionTimeout(Duration groupCompletionTimeout) {
      this.groupCompletionTimeout = positive(groupCompletionTimeout, "groupCompletionTimeout");
      return this;
    }

    /**
     * Hears compactions and summarizer calls, for metrics; {@link MemoryListener#NONE} by
     * default. To hear long-term memory too, give the same listener to
     * {@code LongTermMemory.builder().listener(..)}.
     *
     * @param listener called on the threads that compact; what it throws is logged and ignored
     * @return this builder
     */
    public Builder listener(MemoryListener listener) {
      this.listener = notNull(listener, "listener");
      return this;
    }

    /**
     * Builds the client, starting its compaction threads when compaction is asynchronous.
     *
     * @return a new client, which the caller closes
     */
    public MemoryClient build() {
      return new MemoryClient(this);
    }
  }
}
