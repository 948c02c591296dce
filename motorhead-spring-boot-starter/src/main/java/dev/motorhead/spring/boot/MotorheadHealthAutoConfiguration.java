package dev.motorhead.spring.boot;

import dev.motorhead.MemoryClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code motorhead} health indicator when Spring Boot's health module (Actuator) is on the
 * class path: up while the store answers a read, down with the failure while it does not. Turn
 * it off with {@code management.health.motorhead.enabled=false}.
 */
@AutoConfiguration(after = MotorheadAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MemoryClient.class)
@ConditionalOnEnabledHealthIndicator("motorhead")
public class MotorheadHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "motorheadHealthIndicator")
  HealthIndicator motorheadHealthIndicator(MemoryClient client, MotorheadProperties properties) {
    return new StoreHealthIndicator(client, properties.getRedis().getCommandTimeout().multipliedBy(2));
  }
}
