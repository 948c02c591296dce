package dev.motorhead.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one {@link ChatSystem} from N caller threads in a closed loop, each turn on a session
 * drawn at random: first a warm-up, then a measured window whose every turn's latency is
 * recorded. Around the measured window it calls the given hooks, so a caller can take CPU and
 * Redis counters exactly there. One system per phase: whatever the process spends during the
 * phase (compactions included) belongs to that system.
 */
final class LoadDriver {
  /** What the measured window of one phase saw. */
  record Phase(long turns, long lost, double seconds, double p50Micros, double p99Micros) {
    double turnsPerSecond() {
      return turns / seconds;
    }
  }

  private final Conversation conversation;
  private final int sessions;

  LoadDriver(Conversation conversation, int sessions) {
    this.conversation = conversation;
    this.sessions = sessions;
  }

  /** Gives every session {@code turns} turns, round-robin, from {@code callers} threads. */
  void prefill(ChatSystem system, int callers, int turns) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    long total = (long) turns * sessions;
    runCallers(callers, new AtomicBoolean(), caller -> {
      for (long k; (k = next.getAndIncrement()) < total; ) {
        system.turn((int) (k % sessions), conversation.next());
      }
    });
  }

  /**
   * Runs one phase.
   *
   * @param atStart called when recording starts
   * @param atEnd called when recording stops, after every caller finished its last turn
   */
  Phase run(ChatSystem system, int callers, Duration warmUp, Duration measure,
      Runnable atStart, Runnable atEnd) throws InterruptedException {
    AtomicBoolean recording = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    long[][] samples = new long[callers][4096];
    int[] counts = new int[callers];
    long[] lost = new long[callers];
    long[] window = new long[2];
    Thread timer =
        new Thread(() -> {
          try {
            Thread.sleep(warmUp.toMillis());
            atStart.run();
            window[0] = System.nanoTime();
            recording.set(true);
            Thread.sleep(measure.toMillis());
            recording.set(false);
            window[1] = System.nanoTime();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            stop.set(true);
          }
        }, "phase-timer");
    timer.setDaemon(true);
    timer.start();
    runCallers(callers, stop, caller -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (!stop.get()) {
        Conversation.Turn t = conversation.next();
        long start = System.nanoTime();
        boolean held = system.turn(random.nextInt(sessions), t);
        long took = System.nanoTime() - start;
        if (recording.get()) {
          if (counts[caller] == samples[caller].length) {
            samples[caller] = Arrays.copyOf(samples[caller], 2 * counts[caller]);
          }
          samples[caller][counts[caller]++] = took;
          if (!held) {
            lost[caller]++;
          }
        }
      }
    });
    timer.interrupt(); // a caller failed early: stop waiting
    timer.join();
    atEnd.run();
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < callers; c++) {
      System.arraycopy(samples[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    return new Phase(total, Arrays.stream(lost).sum(), (window[1] - window[0]) / 1e9,
        percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3);
  }

  private interface Caller {
    void run(int caller) throws Exception;
  }

  /** Runs the callers to their end; the first failure sets {@code stop} and is rethrown. */
  private static void runCallers(int callers, AtomicBoolean stop, Caller body)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(callers);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      Thread t = new Thread(() -> {
        try {
          body.run(caller);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          stop.set(true);
        } finally {
          done.countDown();
        }
      }, "caller-" + c);
      t.start();
    }
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException("a caller failed", failure.get());
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }
}
