package dev.motorhead;

/**
 * The benchmarks' window on a gauge the public API does not offer yet: how many sessions have a
 * background compaction pending, so a phase's CPU includes the compactions it caused.
 */
public final class BenchmarkAccess {
  private BenchmarkAccess() {}

  public static int pendingCompactions(MemoryClient client) {
    return client.compactor().pendingSessions();
  }
}
