package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.redis.testing.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The health indicator follows Redis down and back up; calls fail fast meanwhile. */
@SpringBootTest(
    classes = HealthIndicatorIT.App.class,
    properties = {"motorhead.redis.command-timeout=1s", "motorhead.redis.max-reconnect-delay=200ms"})
@DirtiesContext
class HealthIndicatorIT {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.appendOnly();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("motorhead.redis.url", () -> REDIS.server().url());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired
  @Qualifier("motorheadHealthIndicator")
  HealthIndicator health;

  @Autowired MemoryClient client;

  @Test
  void healthGoesDownWhileRedisIsStoppedAndUpWhenItReturns() {
    client.session("s").add(Message.of("user", "before"));
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    REDIS.server().stop();
    try {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> health.health().getStatus().equals(Status.DOWN));
      long started = System.nanoTime();
      try {
        client.session("s").add(Message.of("user", "while down"));
        throw new AssertionError("an add succeeded while Redis was down");
      } catch (StoreException expected) {
        // fails fast: rejected while disconnected, or within the command timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      }
    } finally {
      REDIS.server().start();
    }

    await().atMost(Duration.ofSeconds(15))
        .until(() -> health.health().getStatus().equals(Status.UP));
    client.session("s").add(Message.of("user", "after"));
    assertThat(client.session("s").memory().messages()).extracting(Message::content)
        .containsExactly("before", "after");
  }
}
