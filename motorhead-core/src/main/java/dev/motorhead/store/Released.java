package dev.motorhead.store;

/**
 * What {@link MessageStore#commitAndRelease} did: the commit's result, and the session's size
 * right after the lease was released, so the compactor knows without another read whether
 * there is more to fold.
 *
 * @param result whether the compaction was committed, or why not
 * @param messageCount messages held verbatim after the commit (or without it, when refused)
 * @param messageTokens the sum of their token counts
 */
public record Released(CommitResult result, long messageCount, long messageTokens) {
  /**
   * @param result whether the compaction was committed, or why not
   * @param messageCount messages held verbatim after the commit (or without it, when refused)
   * @param messageTokens the sum of their token counts
   * @throws IllegalArgumentException if result is null
   */
  public Released {
    if (result == null) {
      throw new IllegalArgumentException("result must not be null");
    }
  }
}
