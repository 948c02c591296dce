package dev.motorhead.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.ModelException;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.summarize.Summary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MotorheadMetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private double compactions(String outcome) {
    return registry.get("motorhead.compactions").tag("outcome", outcome).counter().count();
  }

  @Test
  void eachEventMovesItsMeter() {
    MotorheadMetrics metrics = MotorheadMetrics.create();
    metrics.bindTo(registry);

    metrics.compactionCommitted("s", 6, 120, Duration.ofMillis(30));
    metrics.compactionCommitted("s", 4, 80, Duration.ofMillis(10));
    metrics.compactionRefused("s", Duration.ofMillis(5));
    metrics.compactionFailed("s", new ModelException("down", 503, true), Duration.ofMillis(7));
    metrics.summarizerCalled("s", 6, 120, Duration.ofMillis(25), true);
    metrics.summarizerCalled("s", 4, 0, Duration.ofMillis(3), false);
    metrics.leaseTakenOver("s");
    metrics.messagesIndexed(64);
    metrics.messagesDropped(2);
    metrics.messagesGivenUp(3);

    assertThat(compactions("committed")).isEqualTo(2);
    assertThat(compactions("refused")).isEqualTo(1);
    assertThat(compactions("failed")).isEqualTo(1);
    var committed = registry.get("motorhead.compaction.duration").tag("outcome", "committed").timer();
    assertThat(committed.count()).isEqualTo(2);
    assertThat(committed.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40);
    assertThat(counter("motorhead.compaction.messages")).isEqualTo(10);
    assertThat(registry.get("motorhead.summarizer.duration").tag("outcome", "success").timer()
        .count()).isEqualTo(1);
    assertThat(registry.get("motorhead.summarizer.duration").tag("outcome", "failure").timer()
        .count()).isEqualTo(1);
    assertThat(counter("motorhead.summarizer.tokens")).isEqualTo(120);
    assertThat(counter("motorhead.lease.takeovers")).isEqualTo(1);
    assertThat(counter("motorhead.longterm.indexed")).isEqualTo(64);
    assertThat(counter("motorhead.longterm.dropped")).isEqualTo(2);
    assertThat(counter("motorhead.longterm.givenup")).isEqualTo(3);
  }

  @Test
  void everyBoundRegistryCountsAndBindingTwiceCountsOnce() {
    MotorheadMetrics metrics = MotorheadMetrics.withTags(List.of(Tag.of("client", "orders")));
    MeterRegistry other = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    metrics.bindTo(registry);
    metrics.bindTo(other);

    metrics.leaseTakenOver("s");

    assertThat(registry.get("motorhead.lease.takeovers").tag("client", "orders").counter().count())
        .isEqualTo(1);
    assertThat(other.get("motorhead.lease.takeovers").counter().count()).isEqualTo(1);
  }

  @Test
  void theGaugesReadTheClientAndTheLongTermMemory() {
    MotorheadMetrics metrics = MotorheadMetrics.create();
    try (LongTermMemory longTerm = LongTermMemory.builder().build();
        MemoryClient client = MemoryClient.builder().longTermMemory(longTerm).build()) {
      metrics.monitor(client).monitor(longTerm);
      metrics.bindTo(registry);

      assertThat(registry.get("motorhead.compaction.backlog").gauge().value()).isZero();
      assertThat(registry.get("motorhead.compaction.pending").gauge().value()).isZero();
      assertThat(registry.get("motorhead.longterm.queue").gauge().value()).isZero();
    }
  }

  @Test
  void aClientWithTheMetricsAsListenerCountsItsCompactionsAndSummarizerCalls() {
    MotorheadMetrics metrics = MotorheadMetrics.create();
    metrics.bindTo(registry);
    AtomicInteger calls = new AtomicInteger();
    try (MemoryClient client = MemoryClient.builder()
        .listener(metrics)
        .windowSize(4)
        .compactionMode(CompactionMode.SYNC)
        .summarizer((previous, lines) -> {
          calls.incrementAndGet();
          return new Summary(previous + " folded " + lines.size(), 11);
        })
        .build()) {
      metrics.monitor(client);
      var session = client.session("s");
      for (int i = 0; i < 10; i++) {
        session.add(Message.of("user", "message " + i));
      }

      assertThat(calls.get()).isPositive();
      assertThat(compactions("committed")).isEqualTo(calls.get());
      assertThat(counter("motorhead.summarizer.tokens")).isEqualTo(11.0 * calls.get());
      assertThat(counter("motorhead.compaction.messages"))
          .isEqualTo(10 - session.memory().messages().size());
      assertThat(registry.get("motorhead.compaction.backlog").gauge().value()).isZero();
    }
  }

  @Test
  void theUsageExampleRuns() {
    MeterRegistry meterRegistry = registry;
    // the class comment's example
    MotorheadMetrics metrics = MotorheadMetrics.create();
    LongTermMemory longTerm = LongTermMemory.builder().listener(metrics).build();
    MemoryClient client = MemoryClient.builder().listener(metrics).longTermMemory(longTerm).build();
    metrics.monitor(client).monitor(longTerm);
    metrics.bindTo(meterRegistry);

    client.session("s").add(Message.of("user", "hello"));
    assertThat(longTerm.awaitIndexing(Duration.ofSeconds(5))).isTrue();
    client.close();
    longTerm.close();
    assertThat(counter("motorhead.longterm.indexed")).isEqualTo(1);
  }

  @Test
  void badArgumentsAreRejectedNamingTheArgument() {
    MotorheadMetrics metrics = MotorheadMetrics.create();
    assertThatThrownBy(() -> metrics.bindTo(null)).hasMessageContaining("registry");
    assertThatThrownBy(() -> metrics.monitor((MemoryClient) null)).hasMessageContaining("client");
    assertThatThrownBy(() -> MotorheadMetrics.withTags(null)).hasMessageContaining("tags");
  }

  @Test
  void theDocumentedWiringPublishesEveryGauge() {
    io.micrometer.core.instrument.MeterRegistry meterRegistry = registry;
    // docs: wiring
    MotorheadMetrics metrics = MotorheadMetrics.create();
    LongTermMemory longTerm = LongTermMemory.builder().listener(metrics).build();
    MemoryClient client = MemoryClient.builder().listener(metrics).longTermMemory(longTerm).build();
    metrics.monitor(client).monitor(longTerm);   // the gauges
    metrics.bindTo(meterRegistry);
    // end
    try (longTerm; client) {
      client.session("s").add(dev.motorhead.Message.of("user", "hello"));
      assertThat(longTerm.awaitIndexing(Duration.ofSeconds(10))).isTrue();
      assertThat(registry.get("motorhead.longterm.indexed").counter().count()).isEqualTo(1);
      assertThat(registry.get("motorhead.compaction.backlog").gauge().value()).isZero();
    }
  }
}
