package dev.motorhead.longterm;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@link LongTermMemory} keeps vectors, per session: the SPI behind long-term memory.
 * The library ships {@link InMemoryVectorStore} (the default) and Redis stores
 * ({@code LettuceVectorStore}, {@code JedisVectorStore}); implement it to keep vectors
 * elsewhere.
 *
 * <h2>What an implementation must guarantee</h2>
 * <ul>
 *   <li>{@link #nearest} is exact: the {@code k} entries of the session with the smallest cosine
 *       distance to the query (ties in any order), nearest first, each with its distance
 *       computed as {@link Nearest#cosineDistance} does. {@link Nearest} does the ranking.
 *   <li>Sessions are isolated whatever characters their ids hold: no method ever reads, writes
 *       or deletes another session's entries.
 *   <li>{@link #put} is idempotent per message id: putting an entry again changes nothing.
 * </ul>
 * Methods complete their future exceptionally with a {@link dev.motorhead.MemoryException} when
 * the store fails. Implementations are thread-safe. {@code VectorStoreContract} in
 * motorhead-core's test-jar checks all of this.
 */
public interface VectorStore extends AutoCloseable {

  /**
   * Adds entries to the session, keeping the entries of message ids it already holds.
   *
   * @param sessionId the session
   * @param entries at least one
   * @return a future completing with {@code null} once the entries are stored
   */
  CompletableFuture<Void> put(String sessionId, List<VectorEntry> entries);

  /**
   * The {@code k} entries of the session nearest to {@code query} by cosine distance, nearest
   * first; fewer when the session holds fewer, none for an unknown session.
   *
   * @param sessionId the session to search
   * @param query the query's vector, of the entries' dimensions
   * @param k how many to return, at least 1
   * @return a future of at most {@code k} hits, nearest first
   */
  CompletableFuture<List<SearchHit>> nearest(String sessionId, float[] query, int k);

  /**
   * Removes every entry of the session.
   *
   * @param sessionId the session
   * @return a future completing with {@code null} once removed
   */
  CompletableFuture<Void> delete(String sessionId);

  /** Releases what the store owns; clients the caller passed in stay open. */
  @Override
  default void close() {}
}
