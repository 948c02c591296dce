package dev.motorhead.store;

import dev.motorhead.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where sessions live: each session's messages (oldest first), its pinned message, its running
 * summary, the tokens its summaries cost, a compaction lease, and an index of sessions per
 * namespace by last activity. Implement it to put memory in a store of your own; the library
 * ships an in-memory store and Redis stores (Lettuce and Jedis).
 *
 * <h2>What an implementation must guarantee</h2>
 * Every method acts on one session atomically: a reader never sees half of an append or half
 * of a commit, whatever the number of clients and JVMs. The compaction protocol relies on it:
 * <ol>
 *   <li>{@link #write} adds messages at the new end in one atomic step;
 *   <li>a compactor takes the session's lease with {@link #acquireLease}, reads, summarizes
 *       outside the store, then {@link #commit}s, which succeeds only while it still holds the
 *       lease and the oldest messages are exactly the ones it read;
 *   <li>anything that fails leaves the messages where they are.
 * </ol>
 * So every message either stays in the session or is folded into exactly one committed summary.
 *
 * <p>A store keeps every field of a {@link Message}, including its metadata, pinned flag and
 * group, and returns messages in append order: the rules for pinned messages and groups
 * (see {@link Message}) are applied by the library above the store.
 *
 * <p>{@code MessageStoreContract} in motorhead-core's test-jar checks all of this; every
 * implementation should pass it.
 *
 * <p>Session ids and namespaces are arbitrary non-blank strings (any characters, any length);
 * two different ids must never share data. Methods complete their future exceptionally with a
 * {@link dev.motorhead.StoreException} when the store fails. Implementations are thread-safe.
 */
public interface MessageStore extends AutoCloseable {

  /** The namespace of sessions written without one (Motorhead's {@code sessions} index). */
  String DEFAULT_NAMESPACE = "";

  /**
   * Applies one {@link SessionWrite} to the session in one atomic step: optionally removes its
   * messages and pinned message, optionally replaces its summary, appends the write's messages
   * (a pinned one replacing the session's pinned message), records the session in the
   * namespace's index with {@code now} as its last activity, and refreshes the session's TTL if
   * the store has one. A write that {@linkplain SessionWrite#fencesCompaction() replaces
   * messages or the summary} also revokes the compaction lease. An append whose
   * {@linkplain SessionWrite#replayId() replay id} is that of one of the session's latest
   * appends changes nothing (a retry or a driver's replay is stored once).
   *
   * @param sessionId the session, created by its first write
   * @param namespace the namespace whose index records the session
   * @param write what to change
   * @param now the write's time: the session's last activity in the index
   * @return the session's message count and verbatim token total after the write (pinned
   *     messages count in neither)
   */
  CompletableFuture<AppendResult> write(
      String sessionId, String namespace, SessionWrite write, Instant now);

  /**
   * Appends messages, in order, at the new end of the session: {@link #write} with
   * {@link SessionWrite#append(List)}.
   *
   * @param sessionId the session, created by its first append
   * @param namespace the namespace whose index records the session
   * @param messages at least one, each with its id, creation time and token count set
   * @param now the session's last activity in the index
   * @return the session's message count and verbatim token total after the append
   */
  default CompletableFuture<AppendResult> append(
      String sessionId, String namespace, List<Message> messages, Instant now) {
    return write(sessionId, namespace, SessionWrite.append(messages), now);
  }

  /**
   * Reads the newest {@code limit} messages (oldest first), the summary and the counters.
   * An unknown session reads as {@link SessionState#EMPTY}.
   *
   * @param sessionId the session
   * @param limit at least 1; {@link Integer#MAX_VALUE} reads every message
   * @return the session's state; {@link SessionState#EMPTY} for an unknown session
   */
  CompletableFuture<SessionState> read(String sessionId, int limit);

  /**
   * Takes the session's compaction lease for {@code ttl} if nobody holds it.
   *
   * @param sessionId the session
   * @param token unique to this attempt; {@link #commit}, {@link #renewLease} and
   *     {@link #releaseLease} only act while the lease still holds this token
   * @param ttl how long the lease holds unless renewed or released
   * @return whether the lease is now held with {@code token}
   */
  CompletableFuture<Boolean> acquireLease(String sessionId, String token, Duration ttl);

  /**
   * {@link #acquireLease} and, if it succeeded, {@link #read} of every message, as one
   * operation. A store that can do both in one round trip (the Redis stores do) overrides it;
   * this default makes two calls, which is as safe: the lease keeps other compactors out, and a
   * commit checks the ids it read.
   *
   * @param sessionId the session
   * @param token unique to this attempt, as for {@link #acquireLease}
   * @param ttl how long the lease holds unless renewed or released
   * @return {@link LeasedState#BUSY} if the lease is held by another token, else the lease and
   *     every message of the session
   */
  default CompletableFuture<LeasedState> acquireLeaseAndRead(
      String sessionId, String token, Duration ttl) {
    return acquireLease(sessionId, token, ttl)
        .thenCompose(acquired -> !acquired
            ? CompletableFuture.completedFuture(LeasedState.BUSY)
            : read(sessionId, Integer.MAX_VALUE).thenApply(s -> new LeasedState(true, s)));
  }

  /**
   * {@link #commit}, then {@link #releaseLease} whatever the commit's result, then the session's
   * size, as one operation. Stores that can do it atomically in one round trip (the Redis
   * stores do) override it; there the size is the one right at the release, which is what lets
   * the compactor decide without another read whether to go on: an append that found the lease
   * taken happened before the release and is counted. This default makes three calls, and so
   * reads the size just after the release, which gives the compactor the same assurance.
   *
   * @param sessionId the session
   * @param compaction what to commit, with the lease token it was prepared under
   * @return the commit's result and the session's message count and verbatim token total
   */
  default CompletableFuture<Released> commitAndRelease(String sessionId, Compaction compaction) {
    return commit(sessionId, compaction)
        .thenCompose(result -> releaseLease(sessionId, compaction.leaseToken())
            .thenCompose(released -> read(sessionId, 1))
            .thenApply(s -> new Released(result, s.messageCount(), s.messageTokens())));
  }

  /**
   * Extends the lease to {@code ttl} from now if it is still held with {@code token}.
   *
   * @param sessionId the session
   * @param token the token the lease was taken with
   * @param ttl the lease's new duration, counted from now
   * @return whether the lease was still held with {@code token} and is now extended
   */
  CompletableFuture<Boolean> renewLease(String sessionId, String token, Duration ttl);

  /**
   * Releases the lease if it is still held with {@code token}; otherwise does nothing.
   *
   * @param sessionId the session
   * @param token the token the lease was taken with
   * @return a future completing with {@code null} once done
   */
  CompletableFuture<Void> releaseLease(String sessionId, String token);

  /**
   * Atomically, and only if the lease is held with the compaction's token and the session's
   * oldest messages have exactly the compaction's ids in order: removes those messages, sets
   * the summary (or leaves it when the compaction carries none) and adds the tokens used.
   *
   * @param sessionId the session
   * @param compaction the ids folded, the new summary, the tokens used and the lease token
   * @return {@link CommitResult#COMMITTED}, or why nothing was changed
   */
  CompletableFuture<CommitResult> commit(String sessionId, Compaction compaction);

  /**
   * Replaces the session's summary (Motorhead's context), creating the session if needed and
   * recording it in the namespace's index: {@link #write} with {@link SessionWrite#summary}.
   *
   * @param sessionId the session
   * @param namespace the namespace whose index records the session
   * @param summary the new summary, {@code null} to remove it
   * @param now the session's last activity in the index
   * @return a future completing with {@code null} once written
   */
  default CompletableFuture<Void> replaceSummary(
      String sessionId, String namespace, String summary, Instant now) {
    return write(sessionId, namespace, SessionWrite.summary(summary), now).thenApply(r -> null);
  }

  /**
   * Removes everything of the session: messages, summary, counters, lease, every index entry,
   * and data kept beside it (long-term memory). A compaction in flight then fails to commit.
   *
   * @param sessionId the session
   * @return whether the session existed
   */
  CompletableFuture<Boolean> delete(String sessionId);

  /**
   * One page of the ids of the sessions recorded in a namespace's index, by last activity.
   *
   * @param namespace the namespace; {@link #DEFAULT_NAMESPACE} for the default
   * @param page 1-based
   * @param size 1 to 100
   * @param order least or most recently active first
   * @return up to {@code size} ids; empty past the last page
   */
  CompletableFuture<List<String>> sessions(
      String namespace, int page, int size, SessionOrder order);

  /** Releases what the store owns; clients the caller passed in stay open. */
  @Override
  default void close() {}
}
