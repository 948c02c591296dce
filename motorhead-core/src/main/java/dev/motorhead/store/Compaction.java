package dev.motorhead.store;

import java.util.List;

/**
 * A summary to commit in place of the session's oldest messages; see {@link MessageStore#commit}.
 *
 * @param leaseToken the token the compactor holds the lease with
 * @param foldedIds ids of the oldest messages it summarized, oldest first; at least one
 * @param summary the new summary, or {@code null} to keep the current one
 * @param tokensUsed tokens the summarizer reported for this summary, added to the session's total
 */
public record Compaction(String leaseToken, List<String> foldedIds, String summary, long tokensUsed) {
  /**
   * Copies {@code foldedIds}.
   *
   * @param leaseToken the token the compactor holds the lease with
   * @param foldedIds ids of the oldest messages it summarized, oldest first; at least one
   * @param summary the new summary, or {@code null} to keep the current one
   * @param tokensUsed tokens the summarizer reported for this summary
   * @throws IllegalArgumentException if foldedIds is empty
   */
  public Compaction {
    foldedIds = List.copyOf(foldedIds);
    if (foldedIds.isEmpty()) {
      throw new IllegalArgumentException("foldedIds must not be empty");
    }
  }
}
