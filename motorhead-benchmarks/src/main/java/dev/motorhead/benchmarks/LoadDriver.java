package dev.motorhead.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs two workloads, a candidate and its baseline, from N caller threads in a closed loop, each
 * caller alternating one call of each (in alternating order), so both see the same machine:
 * the same JIT state, the same neighbours on a shared host. After a warm-up, every call's
 * latency is recorded. Throughput per workload is the closed-loop rate it sustains on its own,
 * {@code callers / mean latency} (Little's law).
 */
final class LoadDriver {
  /** One call of a caller: the unit whose rate and latency are measured. */
  interface Workload {
    void call(int caller, long iteration) throws Exception;
  }

  /** What one workload measured. */
  record Result(double opsPerSecond, double p50Micros, double p99Micros, long calls) {}

  private static final int MAX_SAMPLES_PER_CALLER = 1 << 20;

  private final Duration warmUp;
  private final Duration measure;

  LoadDriver(Duration warmUp, Duration measure) {
    this.warmUp = warmUp;
    this.measure = measure;
  }

  /** Returns the candidate's result, then the baseline's. */
  List<Result> runPaired(Workload candidate, Workload baseline, int callers)
      throws InterruptedException {
    Workload[] workloads = {candidate, baseline};
    AtomicBoolean recording = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    long[][][] samples = new long[2][callers][];
    int[][] counts = new int[2][callers];
    Throwable[] failure = new Throwable[1];
    CountDownLatch done = new CountDownLatch(callers);
    for (int c = 0; c < callers; c++) {
      int caller = c;
      samples[0][c] = new long[MAX_SAMPLES_PER_CALLER];
      samples[1][c] = new long[MAX_SAMPLES_PER_CALLER];
      Thread t =
          new Thread(
              () -> {
                try {
                  for (long i = 0; !stop.get(); i++) {
                    for (int k = 0; k < 2; k++) {
                      int w = (int) ((i + k) % 2);
                      long start = System.nanoTime();
                      workloads[w].call(caller, i);
                      long took = System.nanoTime() - start;
                      if (recording.get() && counts[w][caller] < MAX_SAMPLES_PER_CALLER) {
                        samples[w][caller][counts[w][caller]++] = took;
                      }
                    }
                  }
                } catch (Throwable e) {
                  failure[0] = e;
                  stop.set(true);
                } finally {
                  done.countDown();
                }
              },
              "caller-" + c);
      t.start();
    }
    pause(warmUp, stop);
    recording.set(true);
    pause(measure, stop);
    recording.set(false);
    stop.set(true);
    done.await();
    if (failure[0] != null) {
      throw new IllegalStateException("a caller failed", failure[0]);
    }
    List<Result> results = new ArrayList<>(2);
    for (int w = 0; w < 2; w++) {
      results.add(result(samples[w], counts[w], callers));
    }
    return results;
  }

  private static Result result(long[][] samples, int[] counts, int callers) {
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < callers; c++) {
      System.arraycopy(samples[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    double meanNanos = total == 0 ? Double.NaN : Arrays.stream(all).average().orElseThrow();
    return new Result(
        callers * 1e9 / meanNanos,
        percentile(all, 0.50) / 1e3,
        percentile(all, 0.99) / 1e3,
        total);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  /** Waits for {@code d} on the driver thread, or less if a caller failed. */
  private static void pause(Duration d, AtomicBoolean stop) throws InterruptedException {
    long until = System.nanoTime() + d.toNanos();
    Object monitor = new Object();
    synchronized (monitor) {
      while (!stop.get() && System.nanoTime() < until) {
        monitor.wait(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
      }
    }
  }
}
