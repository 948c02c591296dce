package dev.motorhead.spring.boot;

import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryListener;
import dev.motorhead.longterm.Embedder;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStore;
import dev.motorhead.spring.ai.ChatModelSummarizer;
import dev.motorhead.spring.ai.EmbeddingModelEmbedder;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import dev.motorhead.spring.boot.MotorheadProperties.SummarizerType;
import dev.motorhead.spring.boot.MotorheadProperties.SummaryRole;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.OfflineSummarizer;
import dev.motorhead.summarize.Summarizer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Motorhead memory from the {@code motorhead.*} properties
 * ({@link MotorheadProperties}). Every bean backs off when the application defines its own:
 * <ul>
 *   <li>{@link MessageStore}: in memory by default; Redis through Lettuce when
 *       {@code motorhead.redis.url} or {@code spring.data.redis.*} is set (or
 *       {@code motorhead.store=redis}), on a client of its own that fails fast while Redis is
 *       down (see {@code motorhead.redis.*});
 *   <li>{@link Summarizer}: the application's Spring AI {@link ChatModel} when there is one
 *       ({@code motorhead.summarizer.chat-model} picks one of several), else the offline
 *       summarizer;
 *   <li>{@link LongTermMemory} when {@code motorhead.long-term-memory.enabled=true}, embedding
 *       with the application's {@link EmbeddingModel} when there is one, else lexically, with
 *       vectors beside the sessions;
 *   <li>{@link MemoryClient}, which logs one line at startup saying what it runs on;
 *   <li>a Spring AI {@link ChatMemory} ({@link MotorheadChatMemory}), which replaces Spring AI's
 *       default {@code MessageWindowChatMemory};
 *   <li>with Micrometer, {@code MotorheadMetrics} (a {@code MeterBinder}) and with Actuator, the
 *       {@code motorhead} health indicator: see {@link MotorheadMetricsAutoConfiguration} and
 *       {@link MotorheadHealthAutoConfiguration}.
 * </ul>
 * Everything is closed with the application context, the client before the store and the store
 * before its Redis client.
 */
@AutoConfiguration(
    beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@EnableConfigurationProperties(MotorheadProperties.class)
public class MotorheadAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(MotorheadAutoConfiguration.class);

  /** The Redis store and the client it runs on, when Redis is configured. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnRedisStore.class)
  @ConditionalOnMissingBean(MessageStore.class)
  static class RedisStoreConfiguration {
    @Bean(destroyMethod = "close")
    RedisConnection motorheadRedisConnection(MotorheadProperties properties, Environment env) {
      return new RedisConnection(RedisSettings.resolve(properties, env), properties.getRedis());
    }

    @Bean(destroyMethod = "close")
    MessageStore motorheadMessageStore(
        RedisConnection connection, MotorheadProperties properties) {
      var builder = connection.storeBuilder().keyPrefix(properties.getKeyPrefix());
      if (properties.getSessionTtl() != null) {
        builder.sessionTtl(properties.getSessionTtl());
      }
      return builder.build();
    }
  }

  /** The in-memory store, when Redis is not configured. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnRedisStore.Not.class)
  @ConditionalOnMissingBean(MessageStore.class)
  static class InMemoryStoreConfiguration {
    @Bean(destroyMethod = "close")
    MessageStore motorheadMessageStore(MotorheadProperties properties) {
      var builder = InMemoryMessageStore.builder();
      if (properties.getSessionTtl() != null) {
        builder.sessionTtl(properties.getSessionTtl());
      }
      return builder.build();
    }
  }

  @Bean
  @ConditionalOnMissingBean(Summarizer.class)
  Summarizer motorheadSummarizer(MotorheadProperties properties, ListableBeanFactory beans) {
    MotorheadProperties.Summarizer p = properties.getSummarizer();
    if (p.getType() == SummarizerType.OFFLINE) {
      return offline(p);
    }
    ChatModel model = chatModel(p, beans);
    if (model == null) {
      if (p.getType() == SummarizerType.CHAT_MODEL) {
        throw new IllegalStateException(
            "motorhead.summarizer.type=chat-model but the application has no Spring AI ChatModel bean");
      }
      return offline(p);
    }
    var builder = ChatModelSummarizer.builder(model).inputTokenBudget(p.getInputTokenBudget());
    if (p.getModel() != null) {
      builder.model(p.getModel());
    }
    if (p.getMaxSummaryTokens() != null) {
      builder.maxSummaryTokens(p.getMaxSummaryTokens());
    }
    return builder.build();
  }

  private static Summarizer offline(MotorheadProperties.Summarizer p) {
    var builder = OfflineSummarizer.builder().inputTokenBudget(p.getInputTokenBudget());
    if (p.getMaxSummaryTokens() != null) {
      builder.maxSummaryTokens(p.getMaxSummaryTokens());
    }
    return builder.build();
  }

  /** The chosen ChatModel bean, or null when there is none. */
  private static ChatModel chatModel(MotorheadProperties.Summarizer p, ListableBeanFactory beans) {
    if (p.getChatModel() != null) {
      try {
        return beans.getBean(p.getChatModel(), ChatModel.class);
      } catch (NoSuchBeanDefinitionException e) {
        throw new IllegalStateException("motorhead.summarizer.chat-model names no ChatModel bean: \""
            + p.getChatModel() + "\" (ChatModel beans: "
            + List.of(beans.getBeanNamesForType(ChatModel.class)) + ")");
      }
    }
    return unique(beans, ChatModel.class, "motorhead.summarizer.chat-model");
  }

  private static <T> T unique(ListableBeanFactory beans, Class<T> type, String property) {
    ObjectProvider<T> provider = beans.getBeanProvider(type);
    String[] names = beans.getBeanNamesForType(type);
    if (names.length == 0) {
      return null;
    }
    T unique = provider.getIfUnique();
    if (unique == null) {
      throw new IllegalStateException("the application has several " + type.getSimpleName()
          + " beans " + List.of(names) + " and none is @Primary: set " + property);
    }
    return unique;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnBooleanProperty("motorhead.long-term-memory.enabled")
  @ConditionalOnMissingBean(LongTermMemory.class)
  LongTermMemory motorheadLongTermMemory(
      MotorheadProperties properties, MessageStore store, ListableBeanFactory beans,
      ObjectProvider<MemoryListener> listeners) {
    String name = properties.getLongTermMemory().getEmbeddingModel();
    Embedder embedder;
    if (name != null) {
      try {
        embedder = EmbeddingModelEmbedder.create(beans.getBean(name, EmbeddingModel.class));
      } catch (NoSuchBeanDefinitionException e) {
        throw new IllegalStateException("motorhead.long-term-memory.embedding-model names no "
            + "EmbeddingModel bean: \"" + name + "\"");
      }
    } else {
      EmbeddingModel model =
          unique(beans, EmbeddingModel.class, "motorhead.long-term-memory.embedding-model");
      embedder = model != null ? EmbeddingModelEmbedder.create(model) : LexicalEmbedder.create();
    }
    var builder = LongTermMemory.builder().embedder(embedder).listener(listener(listeners));
    if (store instanceof RedisMessageStore redis) {
      builder.vectorStore(RedisVectorStore.create(redis));
    }
    return builder.build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(MemoryClient.class)
  MemoryClient motorheadMemoryClient(
      MotorheadProperties properties, MessageStore store, Summarizer summarizer,
      ObjectProvider<LongTermMemory> longTermMemory, ObjectProvider<MemoryListener> listeners,
      ObjectProvider<RedisConnection> redis) {
    var builder = MemoryClient.builder()
        .store(store)
        .summarizer(summarizer)
        .windowSize(properties.getWindowSize())
        .compactionMode(properties.getCompaction())
        .listener(listener(listeners));
    if (properties.getMaxWindowTokens() != null) {
      builder.maxWindowTokens(properties.getMaxWindowTokens());
    }
    LongTermMemory longTerm = longTermMemory.getIfAvailable();
    if (longTerm != null) {
      builder.longTermMemory(longTerm);
    }
    MemoryClient client = builder.build();
    RedisConnection connection = redis.getIfAvailable();
    log.info("Motorhead memory: store {}, summarizer {}, window {}, compaction {}, "
            + "long-term memory {}",
        connection != null ? connection.describe() : store.getClass().getSimpleName(),
        describe(summarizer), properties.getWindowSize(),
        properties.getCompaction().name().toLowerCase(java.util.Locale.ROOT),
        longTerm != null ? "on" : "off");
    return client;
  }

  private static String describe(Summarizer summarizer) {
    if (summarizer instanceof OfflineSummarizer) {
      return "offline (extractive, not a language model: define a Spring AI ChatModel bean "
          + "for model-written summaries)";
    }
    return summarizer.toString();
  }

  /** The listener beans, one or several, as one listener. */
  private static MemoryListener listener(ObjectProvider<MemoryListener> listeners) {
    List<MemoryListener> all = listeners.orderedStream().toList();
    if (all.isEmpty()) {
      return MemoryListener.NONE;
    }
    return all.size() == 1 ? all.get(0) : new CompositeListener(all);
  }

  @Bean
  @ConditionalOnMissingBean(ChatMemory.class)
  MotorheadChatMemory motorheadChatMemory(MemoryClient client, MotorheadProperties properties) {
    MotorheadProperties.ChatMemory p = properties.getChatMemory();
    String prefix = p.getSummaryPrefix();
    return MotorheadChatMemory.builder(client)
        .summaryMessage(p.getSummaryRole() == SummaryRole.USER
            ? summary -> new UserMessage(prefix + summary)
            : summary -> new SystemMessage(prefix + summary))
        .build();
  }
}
