package dev.motorhead.longterm;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.MemoryException;
import dev.motorhead.MemoryListener;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.internal.Backoff;
import java.time.Duration;
import java.util.List;

/**
 * Long-term memory: embeds every message a session receives and finds, within that session,
 * the messages nearest to a query, including those already folded into the summary. Give it to
 * {@link dev.motorhead.MemoryClient.Builder#longTermMemory(LongTermMemory)}, then call
 * {@link dev.motorhead.SessionMemory#search(String, int)}. {@link #NONE} disables it and is the
 * default. The implementation {@link #builder()} builds is described here; implement the
 * interface yourself to search with something else (see the end of this comment).
 *
 * <pre>{@code
 * try (LongTermMemory longTerm = LongTermMemory.builder()
 *          .embedder(LexicalEmbedder.create())       // the default; lexical, not semantic
 *          .vectorStore(InMemoryVectorStore.create()) // the default
 *          .build();
 *      MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
 *   SessionMemory session = client.session("user-42");
 *   session.add(Message.of("Human", "My sister Alice is allergic to peanuts"));
 *   longTerm.awaitIndexing(Duration.ofSeconds(5)); // indexing is asynchronous
 *   List<SearchHit> hits = session.search("peanuts", 5);
 * }
 * }</pre>
 *
 * <h2>Indexing</h2>
 * {@link #index} only queues the messages and returns: it never blocks on the embedder or the
 * vector store and never fails an append. Worker threads take up to
 * {@link Builder#batchSize(int)} queued messages at a time (from any sessions), embed them in
 * one call (split by the embedder's {@link Embedder#maxBatchSize()}), and put each session's
 * entries in one store call. {@link #awaitIndexing(Duration)} waits until the queue is empty,
 * for tests and shutdown.
 *
 * <p><b>When the queue is full</b> ({@link Builder#queueCapacity(int)} messages waiting, for
 * instance while the embedder is down) the new messages are not indexed: they are dropped with
 * a WARN and counted in {@link #droppedMessages()}. The messages themselves are stored and
 * summarized as usual; only their long-term recall is lost. Callers are never blocked.
 *
 * <p><b>When embedding fails</b>, what happens depends on whether the failure is about the texts:
 * <ul>
 *   <li>the model is unreachable or unwilling, not the texts (a {@link ModelException} that is
 *       {@linkplain ModelException#isRetryable() retryable}: timeouts, connection refused, 429,
 *       5xx; or one with status 401, 403, 404 or 407: a wrong key, account or model name): the
 *       batch waits and is tried again with exponential backoff (jittered,
 *       {@link Builder#retryBackoff(Duration, Duration)}) for as long as it takes, so fixing a
 *       wrong key makes the waiting messages searchable. Nothing is given up;
 *   <li>the model refused the input (any other {@link ModelException}, such as 400 or 413, or an
 *       answer with the wrong number or size of vectors): the batch is split in halves, each
 *       embedded on its own, down to the one text at fault, which alone is given up (WARN,
 *       counted in {@link #failedMessages()}). The batch's other texts, from any sessions, are
 *       indexed;
 *   <li>any other exception of the embedder: retried with backoff up to
 *       {@link Builder#maxAttempts(int)} attempts, then split the same way.
 * </ul>
 * Texts longer than the embedder's {@link Embedder#maxInputLength()} are shortened to it first
 * (the stored entry keeps the whole content). Storing vectors that keeps failing is retried up
 * to {@link Builder#maxAttempts(int)} attempts, then given up and counted. A batch waiting for
 * its retry holds up the worker that took it (the embedder is usually down for everyone);
 * closing gives up what is still waiting.
 *
 * <p><b>Deleting</b> a session drops its queued messages, waits for a store call in flight for
 * it, and then deletes its entries: no message queued before the delete comes back after it.
 *
 * <h2>Lifecycle and thread-safety</h2>
 * Thread-safe. Worker threads start when it is built. {@link #close()} stops taking messages,
 * lets the workers drain the queue within {@link Builder#closeTimeout(Duration)} (retries are
 * not waited for), and closes the vector store only if it created it (the default in-memory
 * one). A {@link dev.motorhead.MemoryClient} does not close the long-term memory you pass it:
 * close this after the client, as the try-with-resources above does.
 *
 * <h2>Your own implementation</h2>
 * Implement {@link #isEnabled()} (true), {@link #index}, {@link #search} and {@link #delete};
 * the waiting and counting methods have defaults for an implementation that indexes
 * synchronously and counts nothing. Implementations must be thread-safe.
 */
public interface LongTermMemory extends AutoCloseable {

  /** Long-term memory switched off: indexes nothing, finds nothing. */
  LongTermMemory NONE =
      new LongTermMemory() {
        @Override
        public boolean isEnabled() {
          return false;
        }

        @Override
        public void index(String sessionId, List<Message> messages) {}

        @Override
        public List<SearchHit> search(String sessionId, String query, int k) {
          return List.of();
        }

        @Override
        public void delete(String sessionId) {}

        @Override
        public String toString() {
          return "LongTermMemory.NONE";
        }
      };

  /**
   * Long-term memory with the lexical embedder and the in-memory vector store.
   *
   * @return a new long-term memory, its worker threads started
   */
  static LongTermMemory create() {
    return builder().build();
  }

  /**
   * A builder of the implementation the class comment describes.
   *
   * @return a new builder with the defaults
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Whether this long-term memory stores anything; {@code false} only for {@link #NONE}.
   *
   * @return whether messages are indexed and searched
   */
  boolean isEnabled();

  /**
   * Queues messages just appended to a session for indexing and returns at once: it must not
   * block on the model or fail the caller's append (see the class comment for a full queue).
   * Messages must have their creation time set (as {@link dev.motorhead.SessionMemory#add} does).
   *
   * @param sessionId the session the messages were appended to
   * @param messages the messages, with their ids and creation times set
   * @throws IllegalArgumentException if sessionId is blank, or a message is null or has no
   *     creation time
   */
  void index(String sessionId, List<Message> messages);

  /**
   * The {@code k} messages of the session nearest to the query, nearest first. The built-in
   * implementation ranks by exact cosine distance over the session's indexed messages; messages
   * still queued are not found yet.
   *
   * @param sessionId the session to search; other sessions are never searched
   * @param query any text
   * @param k how many to return, 1 to 100
   * @return at most {@code k} hits; empty when nothing of the session is indexed
   * @throws IllegalArgumentException for a blank sessionId, a null query or a bad k
   * @throws IllegalStateException if closed
   * @throws MemoryException if the embedder or the vector store fails
   */
  List<SearchHit> search(String sessionId, String query, int k);

  /**
   * Removes everything indexed for the session; no message queued before the delete comes back
   * after it.
   *
   * @param sessionId the session
   * @throws MemoryException if the vector store fails
   */
  void delete(String sessionId);

  /**
   * Waits until every message queued so far is indexed (or given up), for tests and shutdown.
   * By default returns {@code true} at once, for an implementation that indexes synchronously.
   *
   * @param timeout how long to wait at most
   * @return whether the queue drained within the timeout
   */
  default boolean awaitIndexing(Duration timeout) {
    positive(timeout, "timeout");
    return true;
  }

  /**
   * Messages queued or being indexed now; 0 by default.
   *
   * @return the number of messages waiting
   */
  default int pendingMessages() {
    return 0;
  }

  /**
   * Messages stored in the vector store since this was built; 0 by default.
   *
   * @return the number of messages indexed
   */
  default long indexedMessages() {
    return 0;
  }

  /**
   * Messages not indexed because the queue was full or this was closed; 0 by default.
   *
   * @return the number of messages dropped
   */
  default long droppedMessages() {
    return 0;
  }

  /**
   * Messages not indexed because embedding or storing them kept failing; 0 by default.
   *
   * @return the number of messages given up
   */
  default long failedMessages() {
    return 0;
  }

  /**
   * Stops taking messages and releases what this holds; the built-in implementation lets its
   * workers drain the queue within the close timeout (retries are not waited for), then closes
   * the vector store if it created it. Idempotent. Does nothing by default.
   */
  @Override
  default void close() {}

  /** Builds a {@link LongTermMemory}. Each setter validates at once. Not thread-safe. */
  final class Builder {
    Embedder embedder = LexicalEmbedder.create();
    VectorStore store;
    Duration sessionTtl;
    int queueCapacity = 10_000;
    int batchSize = 64;
    int workerThreads = 1;
    int maxAttempts = 10;
    Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1));
    Duration closeTimeout = Duration.ofSeconds(10);
    MemoryListener listener = MemoryListener.NONE;

    private Builder() {}

    /**
     * Turns texts into vectors; {@link LexicalEmbedder#create()} (lexical) by default.
     *
     * @param embedder a thread-safe embedder the caller owns
     * @return this builder
     * @throws IllegalArgumentException if null or its dimensions are below 1
     */
    public Builder embedder(Embedder embedder) {
      this.embedder = notNull(embedder, "embedder");
      atLeast(embedder.dimensions(), 1, "embedder.dimensions()");
      return this;
    }

    /**
     * Where vectors live; an {@link InMemoryVectorStore} by default (closed by
     * {@link LongTermMemory#close()}). A store you pass is yours to close.
     *
     * @param vectorStore a store the caller owns and closes
     * @return this builder
     */
    public Builder vectorStore(VectorStore vectorStore) {
      this.store = notNull(vectorStore, "vectorStore");
      return this;
    }

    /**
     * The session TTL of the default in-memory vector store, so that vectors expire (and are
     * reclaimed) with their sessions: give it the TTL of the message store. Without it, the
     * default store keeps vectors until their session is deleted. Ignored with a
     * {@link #vectorStore(VectorStore)} of your own (the Redis vector store takes the message
     * store's TTL by itself).
     *
     * @param sessionTtl positive; counted from the session's last put
     * @return this builder
     */
    public Builder sessionTtl(Duration sessionTtl) {
      this.sessionTtl = positive(sessionTtl, "sessionTtl");
      return this;
    }

    /**
     * The most messages waiting to be indexed; 10,000 by default. Past it, new ones are dropped.
     *
     * @param queueCapacity messages, at least 1
     * @return this builder
     */
    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = atLeast(queueCapacity, 1, "queueCapacity");
      return this;
    }

    /**
     * The most messages one worker embeds and stores at a time; 64 by default.
     *
     * @param batchSize messages, 1 to 10,000
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = between(batchSize, 1, 10_000, "batchSize");
      return this;
    }

    /**
     * Threads that embed and store; 1 by default.
     *
     * @param workerThreads 1 to 64
     * @return this builder
     */
    public Builder workerThreads(int workerThreads) {
      this.workerThreads = between(workerThreads, 1, 64, "workerThreads");
      return this;
    }

    /**
     * Attempts at storing one batch's vectors, and at embedding one after a failure of unknown
     * kind, before giving it up (or splitting it); 10 by default. Failures that are not about
     * the texts are retried without limit (see the class comment).
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = atLeast(maxAttempts, 1, "maxAttempts");
      return this;
    }

    /**
     * Backoff between attempts: doubling from {@code initial} up to {@code max}, with jitter; 1
     * second to 1 minute by default.
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
     * How long {@link LongTermMemory#close()} lets the workers drain; 10 s by default.
     *
     * @param closeTimeout positive
     * @return this builder
     */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = positive(closeTimeout, "closeTimeout");
      return this;
    }

    /**
     * Hears messages indexed, dropped and given up, for metrics; {@link MemoryListener#NONE} by
     * default. Usually the listener given to the {@link dev.motorhead.MemoryClient} too.
     *
     * @param listener called on the worker threads; what it throws is logged and ignored
     * @return this builder
     */
    public Builder listener(MemoryListener listener) {
      this.listener = notNull(listener, "listener");
      return this;
    }

    /**
     * Builds the long-term memory and starts its worker threads.
     *
     * @return a new long-term memory, which the caller closes after the client that uses it
     */
    public LongTermMemory build() {
      return new EmbeddingLongTermMemory(this);
    }
  }
}
