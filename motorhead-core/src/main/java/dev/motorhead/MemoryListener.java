package dev.motorhead;

import java.time.Duration;

/**
 * Hears what the library does in the background: compactions, summarizer calls, lease
 * takeovers, long-term memory indexing. For metrics and alerts; motorhead-micrometer binds one
 * to a Micrometer {@code MeterRegistry}. Every method does nothing by default, so override only
 * what you need; {@link #NONE} hears nothing and is the default.
 *
 * <pre>{@code
 * AtomicLong folded = new AtomicLong();
 * MemoryListener listener = new MemoryListener() {
 *   @Override
 *   public void compactionCommitted(String sessionId, int messagesFolded, long tokensUsed,
 *       Duration duration) {
 *     folded.addAndGet(messagesFolded);
 *   }
 * };
 * MemoryClient client = MemoryClient.builder().listener(listener).build();
 * }</pre>
 *
 * <h2>When it is called</h2>
 * A compaction of a session takes its lease, then folds its oldest messages chunk by chunk: per
 * chunk, one summarizer call and one commit. So a compaction reports
 * {@link #compactionStarted} once, then for each chunk {@link #summarizerCalled} and one of
 * {@link #compactionCommitted} or {@link #compactionRefused}, or {@link #compactionFailed} when
 * the summarizer or the store fails (which ends the compaction; it is retried later).
 *
 * <p>Methods are called on the library's own threads (compaction pool, indexing workers, or
 * the caller's thread in {@link CompactionMode#SYNC}), possibly from several threads at once:
 * implementations must be thread-safe and fast, and should not block. An exception thrown by a
 * listener is logged and ignored; it never affects the memory.
 */
public interface MemoryListener {

  /** Hears nothing. */
  MemoryListener NONE = new MemoryListener() {
    @Override
    public String toString() {
      return "MemoryListener.NONE";
    }
  };

  /**
   * A compaction took the session's lease and is about to fold its oldest messages.
   *
   * @param sessionId the session being compacted
   * @param messagesToFold how many it plans to fold in all chunks
   */
  default void compactionStarted(String sessionId, int messagesToFold) {}

  /**
   * A chunk was committed: its messages are now in the session's summary.
   *
   * @param sessionId the session compacted
   * @param messagesFolded messages of the chunk, removed from the window
   * @param tokensUsed tokens the summarizer reported for it
   * @param duration the chunk's summarizer call and commit
   */
  default void compactionCommitted(
      String sessionId, int messagesFolded, long tokensUsed, Duration duration) {}

  /**
   * A chunk's commit was refused, so nothing of it was written: the lease was lost, or the
   * session's oldest messages changed (a write replaced them, or it was deleted). Another
   * attempt re-reads the session.
   *
   * @param sessionId the session whose chunk was refused
   * @param duration the chunk's summarizer call and refused commit
   */
  default void compactionRefused(String sessionId, Duration duration) {}

  /**
   * The summarizer or the store failed; nothing of the current chunk was written and the
   * compaction is retried later with backoff.
   *
   * @param sessionId the session whose compaction failed
   * @param failure what the summarizer or the store threw
   * @param duration from the start of the chunk to the failure
   */
  default void compactionFailed(String sessionId, Throwable failure, Duration duration) {}

  /**
   * The summarizer answered or failed.
   *
   * @param sessionId the session summarized
   * @param messages messages it was given
   * @param tokensUsed tokens it reported; {@code 0} when it failed
   * @param latency how long the call took
   * @param succeeded whether it returned a summary
   */
  default void summarizerCalled(
      String sessionId, int messages, long tokensUsed, Duration latency, boolean succeeded) {}

  /**
   * This client's compaction lease on the session was lost: it expired (for instance while a
   * slow summarizer ran) and another compactor may have taken the session over, or a write
   * revoked it. The work of the refused chunk is discarded.
   *
   * @param sessionId the session whose lease was lost
   */
  default void leaseTakenOver(String sessionId) {}

  /**
   * Long-term memory stored the vectors of this many messages.
   *
   * @param count messages whose vectors one store write held
   */
  default void messagesIndexed(int count) {}

  /**
   * Long-term memory did not queue this many messages for indexing: its queue was full, or it
   * was closed. The messages are stored as usual; they are just not searchable.
   *
   * @param count messages not queued
   */
  default void messagesDropped(int count) {}

  /**
   * Long-term memory gave up indexing this many messages after its retries.
   *
   * @param count messages no longer retried
   */
  default void messagesGivenUp(int count) {}
}
