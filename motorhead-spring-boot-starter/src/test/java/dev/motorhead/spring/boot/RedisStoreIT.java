package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import dev.motorhead.store.MessageStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** The Redis store from motorhead.redis.url or from Spring Boot's spring.data.redis.*. */
class RedisStoreIT {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MotorheadAutoConfiguration.class));

  private static List<?> keys(String pattern) {
    try (RespClient redis = REDIS.server().client()) {
      return (List<?>) redis.call("KEYS", pattern);
    }
  }

  private static void writeOneMessage(ConfigurableApplicationContext context, String session) {
    context.getBean(MemoryClient.class).session(session).add(Message.of("user", "hello"));
  }

  @Test
  void motorheadRedisUrlPutsSessionsInRedisUnderTheKeyPrefixWithTheSessionTtl() {
    runner.withPropertyValues("motorhead.redis.url=" + REDIS.server().url(),
            "motorhead.key-prefix=app1", "motorhead.session-ttl=1h")
        .run(context -> {
          assertThat(context).getBean(MessageStore.class).isInstanceOf(LettuceMessageStore.class);
          writeOneMessage(context, "from-url");
          assertThat(keys("app1:*from-url*")).isNotEmpty();
          try (RespClient redis = REDIS.server().client()) {
            String key = (String) keys("app1:*from-url*").get(0);
            long ttl = (Long) redis.call("PTTL", key);
            assertThat(ttl).isBetween(1L, Duration.ofHours(1).toMillis());
          }
        });
  }

  @Test
  void springDataRedisHostAndPortAreUsedWhenMotorheadHasNoUrl() {
    runner.withPropertyValues("spring.data.redis.host=127.0.0.1",
            "spring.data.redis.port=" + REDIS.server().port(), "motorhead.key-prefix=boot")
        .run(context -> {
          assertThat(context).hasSingleBean(RedisConnection.class);
          assertThat(context.getBean(RedisConnection.class).describe())
              .contains("127.0.0.1:" + REDIS.server().port()).contains("spring.data.redis");
          writeOneMessage(context, "from-boot");
          assertThat(keys("boot:*from-boot*")).isNotEmpty();
        });
    runner.withPropertyValues("spring.data.redis.url=" + REDIS.server().url(),
            "motorhead.key-prefix=booturl")
        .run(context -> {
          writeOneMessage(context, "from-boot-url");
          assertThat(keys("booturl:*from-boot-url*")).isNotEmpty();
        });
  }

  @Test
  void memoryCanBeForcedDespiteARedisConfiguration() {
    runner.withPropertyValues("motorhead.store=memory", "spring.data.redis.port=1")
        .run(context -> assertThat(context).doesNotHaveBean(RedisConnection.class));
  }

  @Test
  void longTermMemoryKeepsItsVectorsInRedisBesideTheSessions() {
    runner.withPropertyValues("motorhead.redis.url=" + REDIS.server().url(),
            "motorhead.key-prefix=ltm", "motorhead.long-term-memory.enabled=true")
        .run(context -> {
          assertThat(context.getBean(LongTermMemory.class).toString()).contains("RedisVectorStore");
          writeOneMessage(context, "recall");
          assertThat(context.getBean(LongTermMemory.class).awaitIndexing(Duration.ofSeconds(10)))
              .isTrue();
          assertThat(keys("ltm:*recall*")).anySatisfy(k -> assertThat((String) k).contains("recall_"));
        });
  }

  @Test
  void closingTheContextClosesTheStoreAndItsRedisClient() {
    MessageStore[] store = new MessageStore[1];
    runner.withPropertyValues("motorhead.redis.url=" + REDIS.server().url())
        .run(context -> store[0] = context.getBean(MessageStore.class));

    assertThatThrownBy(() -> store[0].read("any", 1).join())
        .satisfies(e -> assertThat(e instanceof StoreException
            || e.getCause() instanceof StoreException).as(e.toString()).isTrue());
  }

  @Test
  void aRedisThatCannotBeReachedStopsStartup() {
    runner.withPropertyValues("motorhead.redis.url=redis://127.0.0.1:1",
            "motorhead.redis.connect-timeout=500ms")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).hasStackTraceContaining("cannot connect to Redis");
        });
  }
}
