package dev.motorhead.longterm;

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
import dev.motorhead.internal.Futures;
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
 * The {@link LongTermMemory} that {@link LongTermMemory#builder()} builds: an embedder, a vector
 * store and an indexing queue with worker threads. Its behaviour is described in
 * {@link LongTermMemory}'s class comment.
 */
final class EmbeddingLongTermMemory implements LongTermMemory {
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

  EmbeddingLongTermMemory(Builder b) {
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
      Thread t = new Thread(this::work, "motorhead-long-term-memory-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    this.workers = List.copyOf(threads);
    workers.forEach(Thread::start);
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
  public List<SearchHit> search(String sessionId, String query, int k) {
    notBlank(sessionId, "sessionId");
    notNull(query, "query");
    between(k, 1, 100, "k");
    if (isClosed()) {
      throw new IllegalStateException("LongTermMemory is closed");
    }
    float[] vector = embed(List.of(query)).get(0);
    return Futures.join(store.nearest(sessionId, vector, k));
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
    Futures.join(store.delete(sessionId));
  }

  /**
   * Waits until every message queued so far is indexed (or given up).
   *
   * @param timeout the longest wait, positive
   * @return whether the queue drained within the timeout
   * @throws IllegalArgumentException if timeout is null, zero or negative
   */
  @Override
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

  /** Messages queued or being indexed now. */
  @Override
  public int pendingMessages() {
    lock.lock();
    try {
      return pending;
    } finally {
      lock.unlock();
    }
  }

  /** Messages stored in the vector store since this was built. */
  @Override
  public long indexedMessages() {
    return indexed.get();
  }

  /** Messages not indexed because the queue was full or this was closed. */
  @Override
  public long droppedMessages() {
    return dropped.get();
  }

  /** Messages not indexed because embedding or storing them kept failing. */
  @Override
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
          Futures.join(store.put(ticket.sessionId, entries));
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
}
