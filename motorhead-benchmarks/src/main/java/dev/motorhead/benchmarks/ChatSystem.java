package dev.motorhead.benchmarks;

import java.util.List;

/**
 * One way of keeping a chat window in Redis, as the turn benchmark drives it: add the turn's
 * user and assistant messages, then read the memory back. Implementations are thread-safe;
 * callers never share a session at the same moment only by chance (sessions are drawn at
 * random), so a system that loses concurrent writes shows it as lost turns.
 */
interface ChatSystem extends AutoCloseable {

  /**
   * One turn on a session: add both messages, then read the memory.
   *
   * @return whether the read held both of this turn's messages (else the turn is lost)
   */
  boolean turn(int session, Conversation.Turn turn) throws Exception;

  /** Waits until background work started by the turns so far (compactions) is done. */
  default void drain() throws InterruptedException {}

  /**
   * The Redis keys of one session, for {@code MEMORY USAGE}; an existing key may be left out
   * only if it is shared by all sessions.
   */
  List<String> keys(int session);

  /** Fills one session to the state whose memory is reported: a full window (and a summary). */
  void fillForMemoryReport(int session, Conversation conversation) throws Exception;

  @Override
  void close();
}
