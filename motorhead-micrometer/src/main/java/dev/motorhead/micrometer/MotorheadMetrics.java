package dev.motorhead.micrometer;

import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryListener;
import dev.motorhead.longterm.LongTermMemory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Motorhead's meters on Micrometer: a {@link MemoryListener} to give the client (and long-term
 * memory) builders, and a {@link MeterBinder} that puts the meters in any number of registries.
 *
 * <pre>{@code
 * MotorheadMetrics metrics = MotorheadMetrics.create();
 * LongTermMemory longTerm = LongTermMemory.builder().listener(metrics).build();
 * MemoryClient client = MemoryClient.builder().listener(metrics).longTermMemory(longTerm).build();
 * metrics.monitor(client).monitor(longTerm);   // the gauges
 * metrics.bindTo(meterRegistry);               // Spring Boot binds a MeterBinder bean itself
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code motorhead.compactions}</td><td>counter</td><td>{@code outcome}:
 *       committed, refused, failed</td><td>compaction attempts by how they ended</td></tr>
 *   <tr><td>{@code motorhead.compaction.duration}</td><td>timer</td><td>{@code outcome}</td>
 *       <td>from lease to commit, refusal or failure</td></tr>
 *   <tr><td>{@code motorhead.compaction.messages}</td><td>counter</td><td></td>
 *       <td>messages folded into summaries by committed compactions</td></tr>
 *   <tr><td>{@code motorhead.summarizer.duration}</td><td>timer</td><td>{@code outcome}:
 *       success, failure</td><td>one summarizer call</td></tr>
 *   <tr><td>{@code motorhead.summarizer.tokens}</td><td>counter</td><td></td>
 *       <td>tokens the summarizer reported using</td></tr>
 *   <tr><td>{@code motorhead.compaction.backlog}</td><td>gauge</td><td></td>
 *       <td>messages waiting to be folded ({@link MemoryClient#compactionBacklog()})</td></tr>
 *   <tr><td>{@code motorhead.compaction.pending}</td><td>gauge</td><td></td>
 *       <td>sessions with a compaction pending ({@link MemoryClient#pendingCompactions()})</td></tr>
 *   <tr><td>{@code motorhead.lease.takeovers}</td><td>counter</td><td></td>
 *       <td>compactions whose lease expired and was taken by another compactor</td></tr>
 *   <tr><td>{@code motorhead.longterm.indexed}</td><td>counter</td><td></td>
 *       <td>messages embedded and stored in long-term memory</td></tr>
 *   <tr><td>{@code motorhead.longterm.dropped}</td><td>counter</td><td></td>
 *       <td>messages not indexed because the queue was full or closed</td></tr>
 *   <tr><td>{@code motorhead.longterm.givenup}</td><td>counter</td><td></td>
 *       <td>messages not indexed because embedding or storing kept failing</td></tr>
 *   <tr><td>{@code motorhead.longterm.queue}</td><td>gauge</td><td></td>
 *       <td>messages waiting to be indexed ({@link LongTermMemory#pendingMessages()})</td></tr>
 * </table>
 *
 * <p>No meter is tagged by session: session ids are unbounded. A registry counts the events that
 * arrive after it is bound, so bind before the client takes traffic (Spring Boot binds its
 * registries at startup). Gauges hold the client and long-term memory weakly, like Micrometer's
 * own.
 *
 * <p>Thread-safe: events come on the library's threads. Every event method is cheap and never
 * throws.
 */
public final class MotorheadMetrics implements MemoryListener, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(MotorheadMetrics.class);

  private final Tags tags;
  private final List<Meters> registries = new CopyOnWriteArrayList<>();
  private final List<WeakReference<MemoryClient>> clients = new CopyOnWriteArrayList<>();
  private final List<WeakReference<LongTermMemory>> longTermMemories =
      new CopyOnWriteArrayList<>();

  private MotorheadMetrics(Tags tags) {
    this.tags = tags;
  }

  /**
   * Meters without common tags.
   *
   * @return new metrics, bound to no registry and monitoring nothing yet
   */
  public static MotorheadMetrics create() {
    return new MotorheadMetrics(Tags.empty());
  }

  /**
   * Meters carrying these tags too, to tell several clients apart ({@code "client", "orders"}).
   *
   * @param tags added to every meter, copied now; for a key given twice, the last value wins
   * @return new metrics, bound to no registry and monitoring nothing yet
   * @throws IllegalArgumentException if tags is null
   */
  public static MotorheadMetrics withTags(Iterable<Tag> tags) {
    return new MotorheadMetrics(Tags.of(notNull(tags, "tags")));
  }

  /**
   * Adds the {@code motorhead.compaction.backlog} and {@code motorhead.compaction.pending}
   * gauges for this client, in every registry bound now or later.
   *
   * @param client the client whose backlog and pending compactions are gauged, held weakly
   * @return this
   * @throws IllegalArgumentException if client is null
   */
  public MotorheadMetrics monitor(MemoryClient client) {
    notNull(client, "client");
    clients.add(new WeakReference<>(client));
    registries.forEach(m -> m.gauges(client));
    return this;
  }

  /**
   * Adds the {@code motorhead.longterm.queue} gauge for this long-term memory, in every registry
   * bound now or later.
   *
   * @param longTermMemory the long-term memory whose indexing queue is gauged, held weakly
   * @return this
   * @throws IllegalArgumentException if longTermMemory is null
   */
  public MotorheadMetrics monitor(LongTermMemory longTermMemory) {
    notNull(longTermMemory, "longTermMemory");
    longTermMemories.add(new WeakReference<>(longTermMemory));
    registries.forEach(m -> m.gauge(longTermMemory));
    return this;
  }

  /** Puts every Motorhead meter into the registry; binding the same registry twice is harmless. */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    notNull(registry, "registry");
    for (Meters m : registries) {
      if (m.registry == registry) {
        return;
      }
    }
    Meters meters = new Meters(registry, tags);
    clients.forEach(ref -> {
      MemoryClient c = ref.get();
      if (c != null) {
        meters.gauges(c);
      }
    });
    longTermMemories.forEach(ref -> {
      LongTermMemory l = ref.get();
      if (l != null) {
        meters.gauge(l);
      }
    });
    registries.add(meters);
  }

  // ---- MemoryListener ----

  @Override
  public void compactionCommitted(
      String sessionId, int messagesFolded, long tokensUsed, Duration duration) {
    for (Meters m : registries) {
      m.committed.increment();
      m.messagesFolded.increment(messagesFolded);
      record(m.committedDuration, duration);
    }
  }

  @Override
  public void compactionRefused(String sessionId, Duration duration) {
    for (Meters m : registries) {
      m.refused.increment();
      record(m.refusedDuration, duration);
    }
  }

  @Override
  public void compactionFailed(String sessionId, Throwable failure, Duration duration) {
    for (Meters m : registries) {
      m.failed.increment();
      record(m.failedDuration, duration);
    }
  }

  @Override
  public void summarizerCalled(
      String sessionId, int messages, long tokensUsed, Duration latency, boolean succeeded) {
    for (Meters m : registries) {
      record(succeeded ? m.summarizerSuccess : m.summarizerFailure, latency);
      if (tokensUsed > 0) {
        m.summarizerTokens.increment(tokensUsed);
      }
    }
  }

  @Override
  public void leaseTakenOver(String sessionId) {
    registries.forEach(m -> m.leaseTakeovers.increment());
  }

  @Override
  public void messagesIndexed(int count) {
    registries.forEach(m -> m.indexed.increment(count));
  }

  @Override
  public void messagesDropped(int count) {
    registries.forEach(m -> m.dropped.increment(count));
  }

  @Override
  public void messagesGivenUp(int count) {
    registries.forEach(m -> m.givenUp.increment(count));
  }

  @Override
  public String toString() {
    return "MotorheadMetrics{registries=" + registries.size() + "}";
  }

  private static void record(Timer timer, Duration duration) {
    if (duration == null || duration.isNegative()) {
      log.debug("ignoring a duration of {} for {}", duration, timer.getId().getName());
      return;
    }
    timer.record(duration);
  }

  /** The meters in one registry. */
  private static final class Meters {
    final MeterRegistry registry;
    final Tags tags;
    final Counter committed;
    final Counter refused;
    final Counter failed;
    final Timer committedDuration;
    final Timer refusedDuration;
    final Timer failedDuration;
    final Counter messagesFolded;
    final Timer summarizerSuccess;
    final Timer summarizerFailure;
    final Counter summarizerTokens;
    final Counter leaseTakeovers;
    final Counter indexed;
    final Counter dropped;
    final Counter givenUp;

    Meters(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      this.committed = compactions("committed");
      this.refused = compactions("refused");
      this.failed = compactions("failed");
      this.committedDuration = compactionTimer("committed");
      this.refusedDuration = compactionTimer("refused");
      this.failedDuration = compactionTimer("failed");
      this.messagesFolded = counter("motorhead.compaction.messages",
          "Messages folded into summaries by committed compactions", Tags.empty());
      this.summarizerSuccess = summarizerTimer("success");
      this.summarizerFailure = summarizerTimer("failure");
      this.summarizerTokens = counter("motorhead.summarizer.tokens",
          "Tokens the summarizer reported using", Tags.empty());
      this.leaseTakeovers = counter("motorhead.lease.takeovers",
          "Compactions whose lease expired and was taken over by another compactor",
          Tags.empty());
      this.indexed = counter("motorhead.longterm.indexed",
          "Messages embedded and stored in long-term memory", Tags.empty());
      this.dropped = counter("motorhead.longterm.dropped",
          "Messages not indexed in long-term memory because its queue was full or closed",
          Tags.empty());
      this.givenUp = counter("motorhead.longterm.givenup",
          "Messages not indexed in long-term memory because embedding or storing kept failing",
          Tags.empty());
    }

    void gauges(MemoryClient client) {
      Gauge.builder("motorhead.compaction.backlog", client, c -> c.compactionBacklog())
          .description("Messages waiting to be folded into summaries")
          .baseUnit("messages")
          .tags(tags)
          .register(registry);
      Gauge.builder("motorhead.compaction.pending", client, c -> c.pendingCompactions())
          .description("Sessions with a compaction pending")
          .baseUnit("sessions")
          .tags(tags)
          .register(registry);
    }

    void gauge(LongTermMemory longTermMemory) {
      Gauge.builder("motorhead.longterm.queue", longTermMemory, l -> l.pendingMessages())
          .description("Messages waiting to be indexed in long-term memory")
          .baseUnit("messages")
          .tags(tags)
          .register(registry);
    }

    private Counter compactions(String outcome) {
      return counter("motorhead.compactions", "Compaction attempts by outcome",
          Tags.of("outcome", outcome));
    }

    private Timer compactionTimer(String outcome) {
      return Timer.builder("motorhead.compaction.duration")
          .description("Time from taking a session's lease to the compaction's outcome")
          .tags(tags.and("outcome", outcome))
          .register(registry);
    }

    private Timer summarizerTimer(String outcome) {
      return Timer.builder("motorhead.summarizer.duration")
          .description("Time one summarizer call took")
          .tags(tags.and("outcome", outcome))
          .register(registry);
    }

    private Counter counter(String name, String description, Tags extra) {
      return Counter.builder(name).description(description).tags(tags.and(extra))
          .register(registry);
    }
  }
}
