package dev.motorhead.recall;

import dev.motorhead.Message;
import java.util.List;

/**
 * Long-term memory: indexes every message a session receives and finds the ones nearest to a
 * query within that session. {@link #NONE} disables it and is the default.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Retriever extends AutoCloseable {

  /** Long-term memory switched off: indexes nothing, finds nothing. */
  Retriever NONE =
      new Retriever() {
        @Override
        public boolean isEnabled() {
          return false;
        }

        @Override
        public void index(String sessionId, List<Message> messages) {}

        @Override
        public List<Recollection> search(String sessionId, String query, int k) {
          return List.of();
        }

        @Override
        public void delete(String sessionId) {}

        @Override
        public String toString() {
          return "Retriever.NONE";
        }
      };

  /**
   * Whether this retriever stores anything; {@code false} only for {@link #NONE}.
   *
   * @return whether messages are indexed and searched
   */
  boolean isEnabled();

  /**
   * Queues messages just appended to a session for indexing. Must not block on the model or
   * fail the caller's append.
   *
   * @param sessionId the session the messages were appended to
   * @param messages the messages, with their ids and creation times set
   */
  void index(String sessionId, List<Message> messages);

  /**
   * The {@code k} messages of the session nearest to the query, nearest first.
   *
   * @param sessionId the session to search; other sessions are never searched
   * @param query any text
   * @param k how many to return, at least 1
   * @return at most {@code k} recollections; empty when nothing of the session is indexed
   */
  List<Recollection> search(String sessionId, String query, int k);

  /**
   * Removes everything indexed for the session.
   *
   * @param sessionId the session
   */
  void delete(String sessionId);

  @Override
  default void close() {}
}
