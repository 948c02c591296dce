package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryListener;
import dev.motorhead.Message;
import dev.motorhead.micrometer.MotorheadMetrics;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.spring.ai.ChatModelSummarizer;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import dev.motorhead.spring.ai.testing.JudgingChatModel;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.OfflineSummarizer;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Every condition and property of the auto-configuration, in a context per case. */
class MotorheadAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          MotorheadAutoConfiguration.class, MotorheadMetricsAutoConfiguration.class,
          MotorheadHealthAutoConfiguration.class, ChatMemoryAutoConfiguration.class));

  @Configuration(proxyBeanMethods = false)
  static class OneChatModel {
    @Bean
    ChatModel chatModel() {
      return new JudgingChatModel();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoChatModels {
    @Bean
    ChatModel chat() {
      return new JudgingChatModel();
    }

    @Bean
    ChatModel cheap() {
      return new JudgingChatModel();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  /** The root cause's message of a failed startup. */
  private static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    StringBuilder all = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }

  @Test
  void byDefaultMemoryIsInProcessWithTheOfflineSummarizerAndReplacesSpringAisChatMemory() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(MemoryClient.class);
      assertThat(context).getBean(MessageStore.class).isInstanceOf(InMemoryMessageStore.class);
      assertThat(context).getBean(Summarizer.class).isInstanceOf(OfflineSummarizer.class);
      assertThat(context).hasSingleBean(ChatMemory.class);
      assertThat(context).getBean(ChatMemory.class).isInstanceOf(MotorheadChatMemory.class)
          .isNotInstanceOf(MessageWindowChatMemory.class);
      assertThat(context).doesNotHaveBean(LongTermMemory.class);
      assertThat(context).doesNotHaveBean(RedisConnection.class);
      assertThat(context.getBean(MemoryClient.class).windowSize()).isEqualTo(12);
      assertThat(context.getBean(MemoryClient.class).longTermMemoryEnabled()).isFalse();
    });
  }

  @Test
  void theWindowCompactionAndTokenBudgetComeFromProperties() {
    runner.withPropertyValues("motorhead.window-size=4", "motorhead.compaction=sync",
            "motorhead.max-window-tokens=1000", "motorhead.session-ttl=7d")
        .run(context -> {
          MemoryClient client = context.getBean(MemoryClient.class);
          assertThat(client.windowSize()).isEqualTo(4);
          MotorheadProperties p = context.getBean(MotorheadProperties.class);
          assertThat(p.getCompaction()).isEqualTo(CompactionMode.SYNC);
          assertThat(p.getMaxWindowTokens()).isEqualTo(1000);
          // sync compaction with a window of 4: the fifth message folds the oldest at once
          var s = client.session("s");
          for (int i = 0; i < 5; i++) {
            s.add(Message.of("user", "Message number " + i + " about Lisbon."));
          }
          assertThat(s.memory().summary()).isPresent();
        });
  }

  @Test
  void theSummaryCanBeShownAsAUserMessageWithItsOwnPrefix() {
    runner.withPropertyValues("motorhead.window-size=2", "motorhead.compaction=sync",
            "motorhead.chat-memory.summary-role=user", "motorhead.chat-memory.summary-prefix=Earlier:")
        .run(context -> {
          ChatMemory memory = context.getBean(ChatMemory.class);
          memory.add("c", List.of(new UserMessage("My name is Ada."), new UserMessage("I am 36."),
              new UserMessage("I live in Oslo.")));
          var first = memory.get("c").get(0);
          assertThat(first).isInstanceOf(UserMessage.class);
          assertThat(first.getText()).startsWith("Earlier:");
        });
    runner.withPropertyValues("motorhead.window-size=2", "motorhead.compaction=sync")
        .run(context -> {
          ChatMemory memory = context.getBean(ChatMemory.class);
          memory.add("c", List.of(new UserMessage("My name is Ada."), new UserMessage("I am 36."),
              new UserMessage("I live in Oslo.")));
          assertThat(memory.get("c").get(0)).isInstanceOf(SystemMessage.class);
        });
  }

  @Test
  void theApplicationsChatModelWritesTheSummariesWithTheModelChosenForThem() {
    runner.withUserConfiguration(OneChatModel.class)
        .withPropertyValues("motorhead.summarizer.model=cheap-model",
            "motorhead.summarizer.max-summary-tokens=200")
        .run(context -> {
          Summarizer summarizer = context.getBean(Summarizer.class);
          assertThat(summarizer).isInstanceOf(ChatModelSummarizer.class);
          assertThat(summarizer.toString()).contains("JudgingChatModel").contains("cheap-model");
          Summary s = summarizer.summarize("", List.of(Message.of("user", "I am Ada.")));
          assertThat(s.text()).isEqualTo("I am Ada.");
          assertThat(s.tokensUsed()).isEqualTo(15);
        });
  }

  @Test
  void theOfflineSummarizerCanBeChosenDespiteAChatModel() {
    runner.withUserConfiguration(OneChatModel.class)
        .withPropertyValues("motorhead.summarizer.type=offline")
        .run(context ->
            assertThat(context).getBean(Summarizer.class).isInstanceOf(OfflineSummarizer.class));
  }

  @Test
  void oneOfSeveralChatModelsIsChosenByName() {
    runner.withUserConfiguration(TwoChatModels.class)
        .withPropertyValues("motorhead.summarizer.chat-model=cheap")
        .run(context -> assertThat(context.getBean(Summarizer.class).toString())
            .contains("JudgingChatModel"));
  }

  @Test
  void severalChatModelsWithoutAChoiceStopStartupNamingTheProperty() {
    runner.withUserConfiguration(TwoChatModels.class)
        .run(context -> assertThat(failure(context)).contains("motorhead.summarizer.chat-model"));
    runner.withUserConfiguration(TwoChatModels.class)
        .withPropertyValues("motorhead.summarizer.chat-model=missing")
        .run(context -> assertThat(failure(context))
            .contains("motorhead.summarizer.chat-model names no ChatModel bean"));
  }

  @Test
  void aRequiredChatModelThatIsMissingStopsStartup() {
    runner.withPropertyValues("motorhead.summarizer.type=chat-model")
        .run(context -> assertThat(failure(context)).contains("motorhead.summarizer.type"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final MessageStore STORE = InMemoryMessageStore.builder().build();

    @Bean
    MessageStore myStore() {
      return STORE;
    }

    @Bean
    Summarizer mySummarizer() {
      return (previous, lines) -> new Summary("mine", 0);
    }
  }

  @Test
  void theApplicationsOwnStoreAndSummarizerAreUsed() {
    runner.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).getBean(MessageStore.class).isSameAs(OwnBeans.STORE);
      assertThat(context.getBean(Summarizer.class).summarize("", List.of()).text()).isEqualTo("mine");
      assertThat(context).hasSingleBean(MemoryClient.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClientAndMemory {
    @Bean(destroyMethod = "close")
    MemoryClient myClient() {
      return MemoryClient.builder().windowSize(3).build();
    }

    @Bean
    ChatMemory myMemory() {
      return MessageWindowChatMemory.builder().build();
    }
  }

  @Test
  void theApplicationsOwnClientAndChatMemoryAreKept() {
    runner.withUserConfiguration(OwnClientAndMemory.class).run(context -> {
      assertThat(context).hasSingleBean(MemoryClient.class);
      assertThat(context.getBean(MemoryClient.class).windowSize()).isEqualTo(3);
      assertThat(context).getBean(ChatMemory.class).isInstanceOf(MessageWindowChatMemory.class);
    });
  }

  @Test
  void longTermMemoryIsOffByDefaultAndLexicalWithoutAnEmbeddingModel() {
    runner.withPropertyValues("motorhead.long-term-memory.enabled=true").run(context -> {
      assertThat(context).hasSingleBean(LongTermMemory.class);
      assertThat(context.getBean(MemoryClient.class).longTermMemoryEnabled()).isTrue();
      assertThat(context.getBean(LongTermMemory.class).toString())
          .contains(LexicalEmbedder.class.getSimpleName());
    });
  }

  @Test
  void withMicrometerTheMetricsAreTheClientsListenerAndBoundToTheRegistry() {
    runner.withUserConfiguration(Registry.class)
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
        .withPropertyValues("motorhead.window-size=2", "motorhead.compaction=sync")
        .run(context -> {
          assertThat(context).hasSingleBean(MotorheadMetrics.class);
          assertThat(context.getBean(MemoryListener.class)).isSameAs(context.getBean(MotorheadMetrics.class));
          var s = context.getBean(MemoryClient.class).session("s");
          s.add(Message.of("user", "One about Lisbon."), Message.of("user", "Two about Porto."),
              Message.of("user", "Three about Faro."));
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("motorhead.compactions").tag("outcome", "committed").counter()
              .count()).isEqualTo(1);
          assertThat(registry.get("motorhead.compaction.backlog").gauge().value()).isZero();
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnListener {
    static final java.util.concurrent.atomic.AtomicInteger COMMITTED =
        new java.util.concurrent.atomic.AtomicInteger();

    @Bean
    MemoryListener countingListener() {
      return new MemoryListener() {
        @Override
        public void compactionCommitted(String s, int folded, long tokens, java.time.Duration d) {
          COMMITTED.incrementAndGet();
        }
      };
    }
  }

  @Test
  void theApplicationsListenersHearTheEventsBesideTheMetrics() {
    runner.withUserConfiguration(Registry.class, OwnListener.class)
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
        .withPropertyValues("motorhead.window-size=2", "motorhead.compaction=sync")
        .run(context -> {
          int before = OwnListener.COMMITTED.get();
          context.getBean(MemoryClient.class).session("s").add(Message.of("user", "One about Lisbon."),
              Message.of("user", "Two about Porto."), Message.of("user", "Three about Faro."));
          assertThat(OwnListener.COMMITTED.get() - before).isEqualTo(1);
          assertThat(context.getBean(MeterRegistry.class).get("motorhead.compactions")
              .tag("outcome", "committed").counter().count()).isEqualTo(1);
        });
  }

  @Test
  void withoutMicrometerThereAreNoMetricsAndMemoryStillWorks() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
      assertThat(context).doesNotHaveBean("motorheadMetrics");
      context.getBean(MemoryClient.class).session("s").add(Message.of("user", "hi"));
    });
  }

  @Test
  void theHealthIndicatorIsUpOnAWorkingStoreAndCanBeTurnedOff() {
    runner.run(context -> {
      HealthIndicator health = context.getBean("motorheadHealthIndicator", HealthIndicator.class);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(health.health().getDetails()).containsEntry("windowSize", 12);
    });
    runner.withPropertyValues("management.health.motorhead.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("motorheadHealthIndicator"));
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean("motorheadHealthIndicator"));
  }

  @Test
  void badValuesStopStartupWithAMessageNamingTheProperty() {
    String[][] cases = {
      {"motorhead.window-size=1", "motorhead.window-size"},
      {"motorhead.window-size=twelve", "motorhead.window-size"},
      {"motorhead.max-window-tokens=0", "motorhead.max-window-tokens"},
      {"motorhead.compaction=sometimes", "motorhead.compaction"},
      {"motorhead.session-ttl=-5s", "motorhead.session-ttl"},
      {"motorhead.key-prefix=a{b}", "motorhead.key-prefix"},
      {"motorhead.store=mongo", "motorhead.store"},
      {"motorhead.redis.command-timeout=0s", "motorhead.redis.command-timeout"},
      {"motorhead.summarizer.max-summary-tokens=3", "motorhead.summarizer.max-summary-tokens"},
      {"motorhead.summarizer.type=gpt", "motorhead.summarizer.type"},
      {"motorhead.chat-memory.summary-role=assistant", "motorhead.chat-memory.summary-role"},
      {"motorhead.long-term-memory.enabled=maybe", "motorhead.long-term-memory.enabled"},
    };
    for (String[] c : cases) {
      runner.withPropertyValues(c[0])
          .run(context -> assertThat(failure(context)).as(c[0]).contains(c[1]));
    }
  }

  @Test
  void aRedisStoreWithoutARedisToUseStopsStartupNamingTheProperties() {
    runner.withPropertyValues("motorhead.store=redis")
        .run(context -> assertThat(failure(context))
            .contains("motorhead.store=redis needs motorhead.redis.url"));
    runner.withPropertyValues("motorhead.redis.url=http://not-redis")
        .run(context -> assertThat(failure(context))
            .contains("motorhead.redis.url is not a valid Redis URL"));
  }

  @Configuration(proxyBeanMethods = false)
  static class PrimaryChatModel {
    @Bean
    @Primary
    ChatModel main() {
      return new JudgingChatModel();
    }

    @Bean
    ChatModel other() {
      return new JudgingChatModel();
    }
  }

  @Test
  void aPrimaryChatModelIsTakenAmongSeveral() {
    runner.withUserConfiguration(PrimaryChatModel.class)
        .run(context ->
            assertThat(context).getBean(Summarizer.class).isInstanceOf(ChatModelSummarizer.class));
  }
}
