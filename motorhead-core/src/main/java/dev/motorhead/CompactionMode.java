package dev.motorhead;

/** When a {@link MemoryClient} folds old messages into the summary. */
public enum CompactionMode {
  /**
   * In the background, on the client's bounded compaction pool: {@code add} returns as soon as
   * the messages are stored. The default. A window can exceed its size for the moment a
   * summary takes; {@link Memory#messages()} still never returns more than the window.
   */
  ASYNC,
  /**
   * Inside {@code add}, before it returns: the window is compacted when {@code add} completes,
   * at the cost of the summarizer's latency on that call. A summarizer failure does not fail
   * {@code add} (the messages are stored); compaction is retried by a later {@code add} once
   * the backoff has passed.
   */
  SYNC
}
