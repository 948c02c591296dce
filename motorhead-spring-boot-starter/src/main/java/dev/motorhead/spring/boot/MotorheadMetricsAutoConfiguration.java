package dev.motorhead.spring.boot;

import dev.motorhead.MemoryClient;
import dev.motorhead.micrometer.MotorheadMetrics;
import dev.motorhead.longterm.LongTermMemory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Motorhead's meters when Micrometer is on the class path: a {@link MotorheadMetrics} bean, which
 * is the client's {@link dev.motorhead.MemoryListener} and a {@code MeterBinder} (Spring Boot
 * binds it to its registries), with the gauges of every {@link MemoryClient} and
 * {@link LongTermMemory} bean. Meter names are listed in {@link MotorheadMetrics}.
 */
@AutoConfiguration(after = MotorheadAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, MotorheadMetrics.class})
public class MotorheadMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MotorheadMetrics motorheadMetrics() {
    return MotorheadMetrics.create();
  }

  /** Registers the gauges once the clients exist (they take the metrics as their listener). */
  @Bean
  SmartInitializingSingleton motorheadGauges(
      MotorheadMetrics metrics, ObjectProvider<MemoryClient> clients,
      ObjectProvider<LongTermMemory> longTermMemories) {
    return () -> {
      clients.orderedStream().forEach(metrics::monitor);
      longTermMemories.orderedStream().forEach(metrics::monitor);
    };
  }
}
