package dev.motorhead.recall;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.MemoryException;
import dev.motorhead.MemoryListener;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.internal.Backoff;
import dev.motorhead.internal.Compactor;
import dev.motorhead.internal.SafeListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-term memory: embeds every message a session receives and finds, within that session,
 * the messages nearest to a query, including those already folded into the summary. Give it to
 * {@link dev.motorhead.MemoryClient.Builder#retriever(Retriever)}, then call
 * {@link dev.motorhead.SessionMemory#search(String, int)}.
 *
 * <pre>{@code
 * try (LongTermMemory longTerm = LongTermMemory.builder()
 *          .embedder(LexicalEmbedder.create())       // the default; lexical, not semantic
 *          .vectorStore(InMemoryVectorStore.create()) // the default
 *          .build();
 *      MemoryClient client = MemoryClient.builder().retriever(longTerm).build()) {
 *   SessionMemory session = client.session("user-42");
 *   session.add(Message.of("Human", "My sister Alice is allergic to peanuts"));
 *   longTerm.awaitIndexing(Duration.ofSeconds(5)); // indexing is asynchronous
 *   List<Recollection> hits = session.search("peanuts", 5);
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
 * one). A {@link dev.motorhead.MemoryClient} does not close the retriever you pass it: close
 * this after the client, as the try-with-resources above does.
 */
public final class LongTermMemory implements Retriever {
  private static final Logger log = LoggerFactory.getLogger(LongTermMemory.class);

  private final Embedder embedder;
  private final VectorStore store;
  private final boolean ownsStore;
  private final int queueCapacity;
  private final int batchSize;
  private final int maxAttempts;
  private final Backoff backoff;
  private final Duration closeTimeout;
  private final MemoryListener listener;
  private final List<Thread> workers;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workOrClose = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final Condition closing = lock.newCondition();
  // guarded by lock
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final Map<String, Ticket> tickets = new HashMap<>();
  private int pending; // queued plus in flight
  private boolean closed;

  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private LongTermMemory(Builder b) {
    this.embedder = b.embedder;
    this.ownsStore = b.store == null;
    this.store = !ownsStore ? b.store
        : b.sessionTtl == null ? InMemoryVectorStore.create()
        : InMemoryVectorStore.builder().sessionTtl(b.sessionTtl).build();
    this.queueCapacity = b.queueCapacity;
    this.batchSize = b.batchSize;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.closeTimeout = b.closeTimeout;
    this.listener = SafeListener.of(b.listener);
    List<Thread> threads = new ArrayList<>(b.workerThreads);
    for (int i = 1; i <= b.workerThreads; i++) {
      Thread t = new Thread(this::work, "motorhead-recall-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    this.workers = List.copyOf(threads);
    workers.forEach(Thread::start);
  }

  /**
   * Long-term memory with the lexical embedder and the in-memory vector store.
   *
   * @return a new long-term memory, its worker thread started; the caller closes it
   */
  public static LongTermMemory create() {
    return builder().build();
  }

  /**
   * A builder with the defaults each of its setters names.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  /**
   * Queues messages for indexing and returns at once; see the class comment for a full queue.
   * Messages must have their creation time set (as {@link dev.motorhead.SessionMemory#add} does).
   *
   * @throws IllegalArgumentException if sessionId is blank, or a message is null or has no
   *     creation time
   */
  @Override
  public void index(String sessionId, List<Message> messages) {
    notBlank(sessionId, "sessionId");
    notNull(messages, "messages");
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m == null || m.createdAt() == null) {
        throw new IllegalArgumentException(
            "messages[" + i + "] must not be null and must have its creation time set");
      }
    }
    if (messages.isEmpty()) {
      return;
    }
    int n = messages.size();
    lock.lock();
    try {
      if (closed) {
        dropped.addAndGet(n);
        listener.messagesDropped(n);
        log.warn("Long-term memory is closed; {} message(s) of session {} not indexed",
            n, sessionId);
        return;
      }
      if (pending + n > queueCapacity) {
        long total = dropped.addAndGet(n);
        listener.messagesDropped(n);
        log.warn("Indexing queue full ({} messages); {} message(s) of session {} not indexed "
            + "({} dropped so far)", queueCapacity, n, sessionId, total);
        return;
      }
      Ticket ticket = tickets.computeIfAbsent(sessionId, Ticket::new);
      for (Message m : messages) {
        queue.addLast(new Item(ticket, m));
      }
      ticket.pending += n;
      pending += n;
      workOrClose.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The {@code k} messages of the session nearest to the query, nearest first, by exact cosine
   * distance over the session's indexed messages. Messages still queued are not found yet.
   *
   * @param k 1 to 100
   * @throws IllegalArgumentException for a blank sessionId, a null query or a bad k
   * @throws IllegalStateException if closed
   * @throws MemoryException if the embedder or the vector store fails
   */
  @Override
  public List<Recollection> search(String sessionId, String query, int k) {
    notBlank(sessionId, "sessionId");
    notNull(query, "query");
    between(k, 1, 100, "k");
    if (isClosed()) {
      throw new IllegalStateException("LongTermMemory is closed");
    }
    float[] vector = embed(List.of(query)).get(0);
    return Compactor.join(store.nearest(sessionId, vector, k));
  }

  /**
   * Deletes the session's entries, after dropping its queued messages and waiting for a store
   * call in flight for it.
   *
   * @throws MemoryException if the vector store fails
   */
  @Override
  public void delete(String sessionId) {
    notBlank(sessionId, "sessionId");
    Ticket ticket;
    lock.lock();
    try {
      ticket = tickets.remove(sessionId);
      if (ticket != null) {
        int before = queue.size();
        queue.removeIf(item -> item.ticket == ticket);
        int removed = before - queue.size();
        ticket.pending -= removed;
        pending -= removed;
        if (pending == 0) {
          idle.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
    if (ticket != null) {
      synchronized (ticket) { // waits for a put in flight; none starts after this
        ticket.deleted = true;
      }
    }
    Compactor.join(store.delete(sessionId));
  }

  /**
   * Waits until every message queued so far is indexed (or given up).
   *
   * @param timeout the longest wait, positive
   * @return whether the queue drained within the timeout
   * @throws IllegalArgumentException if timeout is null, zero or negative
   */
  public boolean awaitIndexing(Duration timeout) {
    long nanos = positive(timeout, "timeout").toNanos();
    lock.lock();
    try {
      while (pending > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Messages queued or being indexed now.
   *
   * @return a count, at least {@code 0}
   */
  public int pendingMessages() {
    lock.lock();
    try {
      return pending;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Messages stored in the vector store since this was built.
   *
   * @return a count, at least {@code 0}
   */
  public long indexedMessages() {
    return indexed.get();
  }

  /**
   * Messages not indexed because the queue was full or this was closed.
   *
   * @return a count, at least {@code 0}
   */
  public long droppedMessages() {
    return dropped.get();
  }

  /**
   * Messages not indexed because embedding or storing them kept failing.
   *
   * @return a count, at least {@code 0}
   */
  public long failedMessages() {
    return failed.get();
  }

  /**
   * Stops taking messages, lets the workers drain the queue within the close timeout (retries
   * are not waited for), then closes the vector store if this created it. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      workOrClose.signalAll();
      closing.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    try {
      for (Thread t : workers) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = pendingMessages();
    if (left > 0) {
      log.warn("Long-term memory closed with {} message(s) not indexed after {}",
          left, closeTimeout);
      workers.forEach(Thread::interrupt);
    }
    if (ownsStore) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "LongTermMemory{embedder=" + embedder + ", vectorStore=" + store + "}";
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  // ---- the workers ----

  private void work() {
    while (true) {
      List<Item> batch = take();
      if (batch == null) {
        return;
      }
      try {
        process(batch);
      } catch (RuntimeException e) {
        failed.addAndGet(batch.size());
        listener.messagesGivenUp(batch.size());
        log.error("Unexpected failure indexing {} message(s); not indexed", batch.size(), e);
      } finally {
        finish(batch); // an Error goes on to kill the worker, but the queue's count stays right
      }
    }
  }

  /** The next batch, or null once closed with an empty queue. */
  private List<Item> take() {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (closed) {
          return null;
        }
        workOrClose.awaitUninterruptibly();
      }
      List<Item> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
      while (batch.size() < batchSize && !queue.isEmpty()) {
        batch.add(queue.pollFirst());
      }
      if (!queue.isEmpty()) {
        workOrClose.signal();
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void process(List<Item> batch) {
    List<String> texts = new ArrayList<>(batch.size());
    int limit = Math.max(1, embedder.maxInputLength());
    for (Item item : batch) {
      texts.add(shortened(item.message.content(), limit));
    }
    float[][] vectors = new float[batch.size()][];
    embedIsolating(texts, 0, texts.size(), vectors);
    Map<Ticket, List<VectorEntry>> bySession = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      if (vectors[i] != null) {
        Item item = batch.get(i);
        bySession.computeIfAbsent(item.ticket, t -> new ArrayList<>())
            .add(VectorEntry.of(item.message, vectors[i]));
      }
    }
    bySession.forEach(this::put);
  }

  /** The start of a text, at most {@code limit} characters, never splitting a surrogate pair. */
  static String shortened(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int end = limit;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** What an embedding failure says about the texts it was given. */
  private enum Failure {
    /** The model is unreachable or refuses every request: wait and try the same texts again. */
    NOT_ABOUT_THE_TEXTS,
    /** The model refused this input: find the text at fault. */
    ABOUT_THE_TEXTS,
    /** Unknown: a few attempts, then look for a text at fault. */
    UNKNOWN
  }

  static boolean isNotAboutTheTexts(ModelException e) {
    int status = e.statusCode();
    return e.isRetryable() || status == 401 || status == 403 || status == 404 || status == 407;
  }

  private static Failure classify(RuntimeException e) {
    if (e instanceof ModelException me) {
      return isNotAboutTheTexts(me) ? Failure.NOT_ABOUT_THE_TEXTS : Failure.ABOUT_THE_TEXTS;
    }
    return e instanceof MemoryException ? Failure.NOT_ABOUT_THE_TEXTS : Failure.UNKNOWN;
  }

  /**
   * Embeds {@code texts[from, to)} into {@code out}, leaving {@code null} for a text given up.
   * Splits the range in halves on a failure about the texts, so one refused text costs only
   * itself and about {@code 2 log2(n)} extra calls.
   */
  private void embedIsolating(List<String> texts, int from, int to, float[][] out) {
    int n = to - from;
    for (int attempt = 1; ; attempt++) {
      RuntimeException failure;
      try {
        List<float[]> vectors = embedChecked(texts.subList(from, to));
        for (int i = 0; i < n; i++) {
          out[from + i] = vectors.get(i);
        }
        return;
      } catch (RuntimeException e) {
        failure = e;
      }
      Failure kind = classify(failure);
      if (kind == Failure.NOT_ABOUT_THE_TEXTS
          || (kind == Failure.UNKNOWN && attempt < maxAttempts)) {
        Duration delay = backoff.delay(attempt);
        log.warn("Long-term memory: embedding {} message(s) failed (attempt {}{}); trying again"
            + " in {}", n, attempt,
            kind == Failure.NOT_ABOUT_THE_TEXTS ? ", not about the texts: waiting for the model"
                : "", delay, failure);
        if (waitUnlessClosed(delay)) {
          continue;
        }
        failed.addAndGet(n);
        listener.messagesGivenUp(n);
        log.warn("Long-term memory closed while waiting for the embedder; {} message(s) not "
            + "indexed", n);
        return;
      }
      if (n == 1) {
        failed.incrementAndGet();
        listener.messagesGivenUp(1);
        log.warn("Long-term memory: the embedder refused one text (attempt {}); that message is"
            + " not indexed", attempt, failure);
        return;
      }
      log.debug("Long-term memory: embedding {} texts failed ({}); splitting the batch to find "
          + "the text at fault", n, failure.toString());
      int mid = from + n / 2;
      embedIsolating(texts, from, mid, out);
      embedIsolating(texts, mid, to, out);
      return;
    }
  }

  private void put(Ticket ticket, List<VectorEntry> entries) {
    for (int attempt = 1; ; attempt++) {
      try {
        synchronized (ticket) {
          if (ticket.deleted) {
            return;
          }
          Compactor.join(store.put(ticket.sessionId, entries));
        }
        indexed.addAndGet(entries.size());
        listener.messagesIndexed(entries.size());
        return;
      } catch (RuntimeException e) {
        if (!retry(e, attempt, "storing vectors of session " + ticket.sessionId,
            entries.size())) {
          return;
        }
      }
    }
  }

  /** Whether to try again, after waiting out the backoff; counts and logs a batch given up. */
  private boolean retry(RuntimeException e, int attempt, String what, int messages) {
    boolean permanent = e instanceof ModelException me && !me.isRetryable();
    if (permanent || attempt >= maxAttempts || isClosed()) {
      failed.addAndGet(messages);
      listener.messagesGivenUp(messages);
      log.warn("Long-term memory: {} failed (attempt {}{}); {} message(s) not indexed",
          what, attempt, permanent ? ", not retryable" : "", messages, e);
      return false;
    }
    Duration delay = backoff.delay(attempt);
    log.warn("Long-term memory: {} failed (attempt {}); retrying {} message(s) in {}",
        what, attempt, messages, delay, e);
    return waitUnlessClosed(delay);
  }

  /** Waits for the delay; false (and the batch is given up) if closed meanwhile. */
  private boolean waitUnlessClosed(Duration delay) {
    long nanos = delay.toNanos();
    lock.lock();
    try {
      while (!closed && nanos > 0) {
        nanos = closing.awaitNanos(nanos);
      }
      if (closed) {
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void finish(List<Item> batch) {
    lock.lock();
    try {
      for (Item item : batch) {
        Ticket t = item.ticket;
        if (--t.pending == 0 && tickets.get(t.sessionId) == t) {
          tickets.remove(t.sessionId);
        }
      }
      pending -= batch.size();
      if (pending == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** {@link #embedChecked} for a search: every failure is a {@link MemoryException}. */
  private List<float[]> embed(List<String> texts) {
    try {
      return embedChecked(texts);
    } catch (MemoryException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelException("Embedder failed: " + e, 0, true, e);
    }
  }

  /**
   * Embeds texts in chunks of the embedder's batch size, checking what comes back: a wrong
   * number or size of vectors is a {@link ModelException} that is not retryable. Other failures
   * of the embedder propagate as they are.
   */
  private List<float[]> embedChecked(List<String> texts) {
    int chunk = Math.max(1, embedder.maxBatchSize());
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += chunk) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + chunk));
      List<float[]> vectors = embedder.embed(part);
      if (vectors == null || vectors.size() != part.size()) {
        throw new ModelException("Embedder returned " + (vectors == null ? "null" : vectors.size()
            + " vectors") + " for " + part.size() + " texts", 0, false);
      }
      for (float[] v : vectors) {
        if (v == null || v.length != embedder.dimensions()) {
          throw new ModelException("Embedder returned a vector of "
              + (v == null ? "null" : v.length + " dimensions") + ", expected "
              + embedder.dimensions(), 0, false);
        }
      }
      out.addAll(vectors);
    }
    return out;
  }

  /** A session with messages queued or in flight. */
  private static final class Ticket {
    final String sessionId;
    int pending; // guarded by LongTermMemory.lock
    boolean deleted; // guarded by this

    Ticket(String sessionId) {
      this.sessionId = sessionId;
    }
  }

  private record Item(Ticket ticket, Message message) {}

  /** Builds a {@link LongTermMemory}. Each setter validates at once. Not thread-safe. */
  public static final class Builder {
    private Embedder embedder = LexicalEmbedder.create();
    private VectorStore store;
    private Duration sessionTtl;
    private int queueCapacity = 10_000;
    private int batchSize = 64;
    private int workerThreads = 1;
    private int maxAttempts = 10;
    private Backoff backoff = Backoff.of(Duration.ofSeconds(1), Duration.ofMinutes(1));
    private Duration closeTimeout = Duration.ofSeconds(10);
    private MemoryListener listener = MemoryListener.NONE;

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
      return new LongTermMemory(this);
    }
  }
}
