package dev.motorhead.store;

/** What {@link MessageStore#commit} did. */
public enum CommitResult {
  /** The oldest messages were replaced by the summary. */
  COMMITTED,
  /**
   * Nothing changed: the lease is no longer held with the compaction's token (it expired and
   * another compactor took it, or a write revoked it, or the session was deleted).
   */
  LEASE_LOST,
  /** Nothing changed: the session's oldest messages are no longer the ones the compactor read. */
  SESSION_CHANGED;

  /**
   * Whether the compaction was committed.
   *
   * @return true only for {@link #COMMITTED}
   */
  public boolean committed() {
    return this == COMMITTED;
  }
}
