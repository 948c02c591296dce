package dev.motorhead;

import static dev.motorhead.internal.Futures.join;

import dev.motorhead.internal.Backoff;
import dev.motorhead.internal.SafeListener;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.LeasedState;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.Released;
import dev.motorhead.store.SessionState;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import dev.motorhead.summarize.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a session's oldest messages into its summary, exactly once. Internal: use
 * {@link dev.motorhead.MemoryClient}.
 *
 * <p>Correctness never rests on anything in this JVM. A compaction takes the session's lease in
 * the store, reads, calls the summarizer with no store lock held, and commits each chunk with a
 * store operation that succeeds only while the lease is still held and the oldest messages are
 * still the ones read. Whatever fails, the messages stay and a later attempt retries. The state
 * kept here (one job per session, backoff) only avoids wasted work.
 *
 * <p>After releasing the lease the compactor checks the session again. An appender whose
 * trigger found the lease taken did so before the release, and appended before that; so the
 * check after the release sees its messages and no trigger is lost while a compactor lives.
 */
final class Compactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compactor.class);
  /** Rounds of (lease, fold, release) one run may take before leaving the rest to the next. */
  private static final int MAX_ROUNDS = 64;

  /** What one run achieved. */
  public enum Outcome {
    /** The session is within its bounds. */
    DONE,
    /** Another compactor holds the lease; it re-checks when it releases. */
    BUSY
  }

  /**
   * The compactor's settings, validated by {@link dev.motorhead.MemoryClient.Builder}.
   *
   * @param windowSize the most messages a session keeps verbatim
   * @param maxWindowTokens the most tokens a session keeps verbatim
   * @param mode when compaction runs
   * @param threads threads of the compaction pool
   * @param maxPending the most sessions with a background compaction pending at once
   * @param leaseDuration how long a compaction holds a session's lease
   * @param backoff delays between failed compactions of a session
   * @param closeTimeout how long {@link #close()} waits for running compactions
   * @param groupCompletionTimeout how long an incomplete group is kept from folding while its
   *     missing members may still arrive
   */
  public record Settings(
      int windowSize,
      long maxWindowTokens,
      CompactionMode mode,
      int threads,
      int maxPending,
      Duration leaseDuration,
      Backoff backoff,
      Duration closeTimeout,
      Duration groupCompletionTimeout) {}

  private final MessageStore store;
  private final Summarizer summarizer;
  private final MemoryListener listener;
  private final int windowSize;
  private final long maxWindowTokens;
  private final CompactionMode mode;
  private final Duration leaseDuration;
  private final Backoff backoff;
  private final Duration closeTimeout;
  private final Duration groupCompletionTimeout;
  private final int maxPending;
  private final TokenCounter tokenCounter;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  /** Renews the leases of compactions whose summarizer is running; never blocked by them. */
  private final ScheduledThreadPoolExecutor keepAliveThread;
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SyncBackoff> syncBackoff = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Compactor(
      MessageStore store,
      Summarizer summarizer,
      MemoryListener listener,
      Settings settings,
      TokenCounter tokenCounter,
      Clock clock) {
    this.tokenCounter = tokenCounter;
    this.store = store;
    this.summarizer = summarizer;
    this.listener = SafeListener.of(listener);
    this.windowSize = settings.windowSize();
    this.maxWindowTokens = settings.maxWindowTokens();
    this.mode = settings.mode();
    this.leaseDuration = settings.leaseDuration();
    this.backoff = settings.backoff();
    this.closeTimeout = settings.closeTimeout();
    this.groupCompletionTimeout = settings.groupCompletionTimeout();
    this.maxPending = settings.maxPending();
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ScheduledThreadPoolExecutor(
            settings.threads(),
            r -> {
              Thread t = new Thread(r, "motorhead-compaction-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.keepAliveThread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "motorhead-lease-keep-alive");
      t.setDaemon(true);
      return t;
    });
    keepAliveThread.setRemoveOnCancelPolicy(true);
    // On close, retries waiting for their backoff are dropped (their messages stay stored);
    // compactions already due still run, within the close timeout.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Whether a session of this size should be compacted. */
  public boolean needsCompaction(long messageCount, long messageTokens) {
    return messageCount > windowSize || messageTokens > maxWindowTokens;
  }

  /**
   * Reacts to an append that left the session at the given size: in {@link CompactionMode#ASYNC}
   * schedules a compaction and completes at once; in {@link CompactionMode#SYNC} completes once
   * a compaction attempt has finished (on the compaction pool, never on the store's threads).
   */
  public CompletableFuture<Void> afterAppend(String sessionId, long count, long tokens) {
    if (!needsCompaction(count, tokens)) {
      return CompletableFuture.completedFuture(null);
    }
    if (mode == CompactionMode.SYNC) {
      try {
        return CompletableFuture.runAsync(() -> compactInline(sessionId), executor);
      } catch (RejectedExecutionException e) {
        // closed: the messages are stored; the next client compacts them
        log.debug("Compactor closed; session {} not compacted after its append", sessionId);
        return CompletableFuture.completedFuture(null);
      }
    }
    trigger(sessionId, count);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The synchronous form of {@link #afterAppend}, running a {@link CompactionMode#SYNC}
   * compaction on the calling thread.
   */
  public void afterAppendBlocking(String sessionId, long count, long tokens) {
    if (!needsCompaction(count, tokens)) {
      return;
    }
    if (mode == CompactionMode.SYNC) {
      compactInline(sessionId);
    } else {
      trigger(sessionId, count);
    }
  }

  /**
   * A read saw the session over its bounds: make sure a compaction is on its way. A job of the
   * session already here, pending or running, is enough: reads only back up the appends' own
   * triggers (each appending client triggers its compactor, and an append's trigger that comes
   * while a job runs asks it to run again). Asking a running job to run again after every read
   * would make each compaction take and read the session twice.
   */
  public void afterRead(String sessionId, long count, long tokens) {
    if (mode == CompactionMode.ASYNC && needsCompaction(count, tokens)
        && !jobs.containsKey(sessionId)) {
      trigger(sessionId, count);
    }
  }

  // ---- the algorithm ----

  /**
   * Compacts the session now, on the calling thread, until it is within its bounds or another
   * compactor holds its lease.
   *
   * @throws MemoryException when the store or the summarizer fails; what was committed before
   *     the failure stays committed, the rest stays in the window
   */
  public Outcome compactNow(String sessionId) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String token = Ids.randomUuid();
      LeasedState leased = join(store.acquireLeaseAndRead(sessionId, token, leaseDuration));
      if (!leased.acquired()) {
        return Outcome.BUSY;
      }
      Released after;
      boolean released = false;
      try {
        SessionState state = leased.state(); // authoritative: read with the lease held
        List<Message> oldest = plan(state);
        if (oldest.isEmpty()) {
          return Outcome.DONE; // the lease is released below
        }
        listener.compactionStarted(sessionId, oldest.size());
        after = fold(sessionId, token, state.summary(), oldest);
        released = after != null;
      } finally {
        if (!released) {
          release(sessionId, token);
        }
      }
      // The last commit released the lease and told the size at that moment: an appender whose
      // trigger found the lease taken appended before it, so its messages are counted here
      // (see the class comment). Go on only if they need it.
      if (after != null && after.result().committed()
          && !needsCompaction(after.messageCount(), after.messageTokens())) {
        return Outcome.DONE;
      }
    }
    log.warn("Session {} still exceeds its window after {} compaction rounds; "
        + "continuing on its next write", sessionId, MAX_ROUNDS);
    return Outcome.DONE;
  }

  /**
   * {@link #compactNow} for a caller who wants the session folded before going on: while
   * another compactor (a background job of this client, or another client) holds the lease, it
   * waits for it to commit and checks again, for at most one lease duration (a holder that died
   * loses its lease by then; a live one renews it, and its own commit leaves the session within
   * its window).
   *
   * @return {@link Outcome#DONE}, or {@link Outcome#BUSY} if the lease was still held when the
   *     wait ran out or the thread was interrupted (its interrupt flag is kept)
   */
  public Outcome compactWaiting(String sessionId) {
    long deadline = System.nanoTime() + leaseDuration.toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(2);
    while (true) {
      Outcome outcome = compactNow(sessionId);
      if (outcome == Outcome.DONE) {
        return outcome;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || Thread.currentThread().isInterrupted()) {
        return outcome;
      }
      // A lease is held for a summarizer call, milliseconds to seconds: poll with a growing pause
      // rather than subscribe, since the holder may be another JVM.
      java.util.concurrent.locks.LockSupport.parkNanos(Math.min(pause, left));
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /**
   * The oldest messages to fold: down to half the window, and half the token budget, moved to
   * the nearest place that splits no group and folds no group still waiting for its members
   * (see {@link Groups#cut}).
   */
  List<Message> plan(SessionState state) {
    List<Message> all = state.messages();
    if (!needsCompaction(all.size(), state.messageTokens())) {
      return List.of();
    }
    int n = Math.max(0, all.size() - windowSize / 2);
    long remaining = state.messageTokens();
    for (int i = 0; i < n; i++) {
      remaining -= all.get(i).tokenCount();
    }
    if (state.messageTokens() > maxWindowTokens) {
      while (n < all.size() && remaining > maxWindowTokens / 2) {
        remaining -= all.get(n++).tokenCount();
      }
    }
    return all.subList(0, Groups.cut(all, n, clock.instant().minus(groupCompletionTimeout)));
  }

  /**
   * Summarizes the messages chunk by chunk, oldest first, committing each chunk on its own; the
   * last chunk's commit also releases the lease.
   *
   * @return what the releasing commit said, or {@code null} when an earlier commit was refused
   *     or the lease could not be renewed (the lease is then still to be released)
   */
  private Released fold(String sessionId, String token, String summary, List<Message> messages) {
    int budget = summarizer.inputTokenBudget();
    List<List<Message>> chunks = chunks(counted(messages, budget, tokenCounter), budget);
    for (int i = 0; i < chunks.size(); i++) {
      List<Message> chunk = chunks.get(i);
      boolean last = i + 1 == chunks.size();
      long started = System.nanoTime();
      CommitResult committed;
      Released released = null;
      Summary result;
      try {
        result = summarizeKeepingLease(sessionId, token, summary, chunk);
        String next = result.hasContent() ? result.text().strip() : null;
        List<String> ids = chunk.stream().map(Message::id).toList();
        Compaction compaction = new Compaction(token, ids, next, result.tokensUsed());
        if (last) {
          released = join(store.commitAndRelease(sessionId, compaction));
          committed = released.result();
        } else {
          committed = join(store.commit(sessionId, compaction));
        }
        if (committed.committed() && next != null) {
          summary = next;
        }
      } catch (RuntimeException e) {
        listener.compactionFailed(sessionId, e, since(started));
        throw e;
      }
      if (!committed.committed()) {
        listener.compactionRefused(sessionId, since(started));
        if (committed == CommitResult.LEASE_LOST) {
          listener.leaseTakenOver(sessionId);
        }
        log.debug("Session {}: commit refused ({}); re-reading", sessionId, committed);
        return released;
      }
      listener.compactionCommitted(sessionId, chunk.size(), result.tokensUsed(), since(started));
      if (last) {
        return released;
      }
      if (!join(store.renewLease(sessionId, token, leaseDuration))) {
        listener.leaseTakenOver(sessionId);
        return null;
      }
    }
    return null; // no chunk: nothing to fold (plan never gives an empty list)
  }

  /** How often, in real time, the keep-alive looks whether the lease is due for renewal. */
  static final long KEEP_ALIVE_CHECK_MILLIS = 100;

  /**
   * Calls the summarizer while keeping the lease alive: a model call (with its retries) may
   * take longer than the lease, and a commit after the lease expired would be refused and the
   * work and tokens spent again. Every {@link #KEEP_ALIVE_CHECK_MILLIS} the keep-alive thread
   * renews the lease once a third of it has passed on the compactor's clock.
   */
  private Summary summarizeKeepingLease(
      String sessionId, String token, String summary, List<Message> chunk) {
    Duration third = leaseDuration.dividedBy(3);
    Instant[] renewed = {clock.instant()};
    ScheduledFuture<?> keepAlive;
    try {
      keepAlive = keepAliveThread.scheduleWithFixedDelay(() -> {
        Instant now = clock.instant();
        if (Duration.between(renewed[0], now).compareTo(third) < 0) {
          return;
        }
        try {
          if (join(store.renewLease(sessionId, token, leaseDuration))) {
            renewed[0] = now;
          }
        } catch (RuntimeException e) {
          log.debug("Session {}: renewing the lease failed; trying again", sessionId, e);
        }
      }, KEEP_ALIVE_CHECK_MILLIS, KEEP_ALIVE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      keepAlive = null; // closing: the summarizer runs without it
    }
    try {
      return summarize(sessionId, summary, chunk);
    } finally {
      if (keepAlive != null) {
        keepAlive.cancel(false);
      }
    }
  }

  private Summary summarize(String sessionId, String summary, List<Message> chunk) {
    long started = System.nanoTime();
    Summary result;
    try {
      result = summarizer.summarize(summary == null ? "" : summary, chunk);
      if (result == null) {
        throw new MemoryException("Summarizer returned null for session " + sessionId);
      }
    } catch (MemoryException e) {
      listener.summarizerCalled(sessionId, chunk.size(), 0, since(started), false);
      throw e;
    } catch (RuntimeException e) {
      listener.summarizerCalled(sessionId, chunk.size(), 0, since(started), false);
      throw new MemoryException("Summarizer failed for session " + sessionId, e);
    }
    listener.summarizerCalled(sessionId, chunk.size(), result.tokensUsed(), since(started), true);
    return result;
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * Splits messages, in order, into runs of at most {@code budget} tokens, ending a run early
   * rather than splitting a group, unless one group alone exceeds the budget. A message that
   * alone exceeds the budget goes alone, shortened to fit: a model refuses input beyond its
   * context every time, so sending it whole would stall the session's compaction for good. The
   * copy keeps the message's id, so the commit still matches the stored message; the full text
   * stays in long-term memory when that is enabled.
   */
  static List<List<Message>> chunks(List<Message> messages, int budget) {
    Map<String, int[]> spans = Groups.spans(messages);
    List<List<Message>> chunks = new ArrayList<>();
    List<Message> current = new ArrayList<>();
    int start = 0; // index in messages of current's first message
    int clean = 0; // how many of current's messages may end a run without splitting a group
    long tokens = 0;
    for (int i = 0; i < messages.size(); i++) {
      Message original = messages.get(i);
      Message m = original.tokenCount() > budget ? shortened(original, budget) : original;
      while (!current.isEmpty() && tokens + m.tokenCount() > budget) {
        // End the run at its last place that splits no group; with none, the group alone
        // exceeds the budget and is split. What follows that place is never a place either.
        int cut = clean > 0 ? clean : current.size();
        chunks.add(new ArrayList<>(current.subList(0, cut)));
        current = new ArrayList<>(current.subList(cut, current.size()));
        start += cut;
        clean = 0;
        tokens = 0;
        for (Message r : current) {
          tokens += r.tokenCount();
        }
      }
      current.add(m);
      tokens += m.tokenCount();
      if (Groups.isClean(spans, i + 1)) {
        clean = i + 1 - start;
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  /**
   * The messages with a token count each, for chunking. Messages added without a count (a
   * client without a token budget counts nothing on the write path) get an upper bound first:
   * the UTF-8 length of their line {@code "role: content"}, since every token of a byte-level
   * BPE encoding is at least one byte. While the bounds exceed the budget, the largest are
   * counted exactly, so the chunks are those exact counts would give, at the cost of counting
   * only what the budget makes necessary (usually one message or none).
   */
  static List<Message> counted(List<Message> messages, int budget, TokenCounter counter) {
    long[] tokens = new long[messages.size()];
    boolean[] exact = new boolean[messages.size()];
    long sum = 0;
    boolean anyUncounted = false;
    for (int i = 0; i < tokens.length; i++) {
      Message m = messages.get(i);
      exact[i] = m.tokenCount() > 0;
      tokens[i] = exact[i] ? m.tokenCount() : utf8Length(m.role()) + 2 + utf8Length(m.content());
      anyUncounted |= !exact[i];
      sum += tokens[i];
    }
    if (!anyUncounted) {
      return messages;
    }
    while (sum > budget) {
      int largest = -1;
      for (int i = 0; i < tokens.length; i++) {
        if (!exact[i] && (largest < 0 || tokens[i] > tokens[largest])) {
          largest = i;
        }
      }
      if (largest < 0) {
        break;
      }
      long count = counter.count(messages.get(largest));
      sum += count - tokens[largest];
      tokens[largest] = count;
      exact[largest] = true;
    }
    List<Message> out = new ArrayList<>(messages.size());
    for (int i = 0; i < tokens.length; i++) {
      Message m = messages.get(i);
      out.add(m.tokenCount() > 0 ? m
          : m.toBuilder().tokenCount((int) Math.min(Integer.MAX_VALUE, Math.max(1, tokens[i])))
              .build());
    }
    return out;
  }

  /** The UTF-8 length of a text, without encoding it. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  static final String SHORTENED_MARK = " […]";

  /** The message cut, in proportion to its token count, to about 90% of the budget. */
  static Message shortened(Message m, int budget) {
    String content = m.content();
    long keep = (long) content.length() * budget * 9 / (10L * m.tokenCount());
    int end = (int) Math.max(0, Math.min(content.length(), keep - SHORTENED_MARK.length()));
    if (end > 0 && Character.isHighSurrogate(content.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return m.toBuilder().content(content.substring(0, end) + SHORTENED_MARK).tokenCount(budget).build();
  }

  private void release(String sessionId, String token) {
    try {
      join(store.releaseLease(sessionId, token));
    } catch (RuntimeException e) {
      // The lease expires by itself; nothing is lost, another compactor waits at most its TTL.
      log.warn("Session {}: could not release the compaction lease; it will expire", sessionId, e);
    }
  }

  // ---- SYNC mode ----

  private void compactInline(String sessionId) {
    SyncBackoff b = syncBackoff.get(sessionId);
    if (b != null && clock.instant().isBefore(b.nextAttempt)) {
      return;
    }
    try {
      compactNow(sessionId);
      syncBackoff.remove(sessionId);
    } catch (RuntimeException e) {
      int failures = b == null ? 1 : b.failures + 1;
      Duration delay = backoff.delay(failures);
      Instant now = clock.instant();
      if (syncBackoff.size() >= maxPending) {
        // entries whose wait is over only remember a failure count: drop them, so sessions that
        // failed once and were never written again do not pile up
        syncBackoff.values().removeIf(old -> !now.isBefore(old.nextAttempt));
      }
      syncBackoff.put(sessionId, new SyncBackoff(failures, now.plus(delay)));
      log.warn("Session {}: compaction failed ({} in a row); messages kept, retrying after {}",
          sessionId, failures, delay, e);
    }
  }

  private record SyncBackoff(int failures, Instant nextAttempt) {}

  /** Sessions remembered for their SYNC-mode backoff (bounded by the pending limit). */
  public int syncBackoffSize() {
    return syncBackoff.size();
  }

  // ---- ASYNC mode: one job per session ----

  private enum JobState { DUE, RUNNING, BACKOFF, WAITING_FOR_LEASE }

  private static final class Job {
    JobState state = JobState.DUE;
    boolean rerun;
    int failures;
    volatile long backlog; // messages over half the window, as of the session's last write
    ScheduledFuture<?> scheduled;
  }

  /**
   * Schedules a background compaction of the session, merging with one already pending.
   *
   * @param count the session's message count as last seen, for {@link #backlog()}
   */
  public void trigger(String sessionId, long count) {
    if (closed) {
      return;
    }
    long backlog = Math.max(0, count - windowSize / 2);
    jobs.compute(
        sessionId,
        (id, job) -> {
          if (job == null) {
            if (jobs.size() >= maxPending) {
              log.debug("Compaction queue full ({}); session {} waits for its next write",
                  maxPending, id);
              return null;
            }
            Job fresh = new Job();
            fresh.backlog = backlog;
            return schedule(id, fresh, Duration.ZERO) ? fresh : null;
          }
          job.backlog = backlog;
          switch (job.state) {
            case RUNNING -> job.rerun = true;
            case WAITING_FOR_LEASE -> {
              job.scheduled.cancel(false);
              job.state = JobState.DUE;
              if (!schedule(id, job, Duration.ZERO)) {
                return null;
              }
            }
            default -> {
              // DUE runs soon anyway; BACKOFF keeps its delay
            }
          }
          return job;
        });
  }

  private boolean schedule(String sessionId, Job job, Duration delay) {
    try {
      job.scheduled =
          executor.schedule(() -> run(sessionId), delay.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      log.debug("Compactor closed; session {} not scheduled", sessionId);
      return false;
    }
  }

  private void run(String sessionId) {
    Job started =
        jobs.computeIfPresent(
            sessionId,
            (id, job) -> {
              job.state = JobState.RUNNING;
              job.rerun = false;
              return job;
            });
    if (started == null) {
      return;
    }
    Outcome outcome = null;
    RuntimeException failure = null;
    try {
      outcome = compactNow(sessionId);
    } catch (RuntimeException e) {
      failure = e;
    }
    Outcome o = outcome;
    RuntimeException f = failure;
    jobs.computeIfPresent(
        sessionId,
        (id, job) -> {
          if (f != null) {
            job.failures++;
            job.state = JobState.BACKOFF;
            Duration delay = backoff.delay(job.failures);
            log.warn("Session {}: compaction failed ({} in a row); messages kept, retrying in {}",
                id, job.failures, delay, f);
            return schedule(id, job, delay) ? job : null;
          }
          job.failures = 0;
          if (job.rerun) {
            job.state = JobState.DUE;
            return schedule(id, job, Duration.ZERO) ? job : null;
          }
          if (o == Outcome.BUSY) {
            // The holder re-checks when it releases; this covers a holder that died.
            job.state = JobState.WAITING_FOR_LEASE;
            return schedule(id, job, leaseDuration) ? job : null;
          }
          return null;
        });
  }

  /** Sessions with a background compaction pending, running or waiting to retry. */
  public int pendingSessions() {
    return jobs.size();
  }

  /**
   * Messages waiting to be folded in the sessions with a background compaction pending: for
   * each, its message count beyond half the window as of its last write or read.
   */
  public long backlog() {
    long total = 0;
    for (Job job : jobs.values()) {
      total += job.backlog;
    }
    return total;
  }

  /**
   * Stops taking work, lets compactions already due finish within the close timeout, and drops
   * retries still waiting for their backoff (their messages stay in the store).
   */
  @Override
  public void close() {
    closed = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Compactions still running after {}; interrupting them. Their messages stay "
            + "in the store and are compacted by the next client.", closeTimeout);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    keepAliveThread.shutdownNow();
    jobs.clear();
  }
}
