package dev.motorhead.examples.server;

import dev.motorhead.MemoryClient;
import dev.motorhead.StoreException;
import dev.motorhead.openai.OpenAiEmbedder;
import dev.motorhead.openai.OpenAiEndpoint;
import dev.motorhead.openai.OpenAiSummarizer;
import dev.motorhead.recall.Embedder;
import dev.motorhead.recall.LexicalEmbedder;
import dev.motorhead.recall.LongTermMemory;
import dev.motorhead.recall.Retriever;
import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisStoreBuilder;
import dev.motorhead.redis.RedisVectorStore;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.OfflineSummarizer;
import dev.motorhead.summarize.Summarizer;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * What the server runs on, built from a {@link ServerConfig}: the {@link MemoryClient} and the
 * store, model clients and connections made for it. {@link #close()} closes the client first
 * (letting compactions in flight finish within the shutdown timeout), then everything else, newest
 * first.
 *
 * <pre>{@code
 * try (Backend backend = Backend.open(ServerConfig.fromEnv(System.getenv()))) {
 *   backend.client().session("s1").add(Message.of("Human", "hi"));
 * }
 * }</pre>
 */
public final class Backend implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);

  private final MemoryClient client;
  private final List<AutoCloseable> owned;
  private final String description;

  private Backend(MemoryClient client, List<AutoCloseable> owned, String description) {
    this.client = client;
    this.owned = owned;
    this.description = description;
  }

  /**
   * Connects to what the configuration names and builds the memory client.
   *
   * @throws ConfigException if a setting cannot be used (the message names the variable)
   */
  public static Backend open(ServerConfig config) {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      MessageStore store = store(config, owned);
      Summarizer summarizer = summarizer(config, owned);
      Retriever retriever = retriever(config, store, owned);
      MemoryClient client =
          MemoryClient.builder()
              .store(store)
              .summarizer(summarizer)
              .retriever(retriever)
              .windowSize(config.windowSize())
              .compactionMode(config.compactionMode())
              .closeTimeout(config.shutdownTimeout())
              .build();
      String description = "store=" + describeStore(config)
          + ", summarizer=" + (config.usesOpenAi() ? describeModel(config) : "offline")
          + ", window=" + config.windowSize()
          + ", compaction=" + config.compactionMode().name().toLowerCase(Locale.ROOT)
          + ", long-term memory=" + describeLongTermMemory(config);
      return new Backend(client, owned, description);
    } catch (RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  /** The memory client the server serves. */
  public MemoryClient client() {
    return client;
  }

  /** One line saying what it runs on (store, summarizer, window); never a secret. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    client.close();
    closeAll(owned);
  }

  private static MessageStore store(ServerConfig config, List<AutoCloseable> owned) {
    MessageStore store =
        config.redisUrl() == null ? inMemoryStore(config) : redisStore(config, owned);
    owned.add(store);
    return store;
  }

  private static MessageStore inMemoryStore(ServerConfig config) {
    InMemoryMessageStore.Builder builder = InMemoryMessageStore.builder();
    if (config.sessionTtl() != null) {
      builder.sessionTtl(config.sessionTtl());
    }
    return builder.build();
  }

  /**
   * A Redis store; fails at once if Redis is down (Lettuce) or on first use (Jedis). A cluster
   * client is added to {@code owned} before the store, so it is shut down after it.
   */
  private static MessageStore redisStore(ServerConfig config, List<AutoCloseable> owned) {
    try {
      boolean jedis = config.redisDriver() == ServerConfig.RedisDriver.JEDIS;
      if (!config.redisCluster()) {
        return jedis
            ? redisOptions(JedisMessageStore.builder(config.redisUrl()), config).build()
            : redisOptions(LettuceMessageStore.builder(config.redisUrl()), config).build();
      }
      if (jedis) {
        redis.clients.jedis.RedisClusterClient cluster = jedisCluster(config.redisUrl());
        owned.add(cluster);
        return redisOptions(JedisMessageStore.builder(cluster), config).build();
      }
      RedisClusterClient cluster = RedisClusterClient.create(RedisURI.create(config.redisUrl()));
      owned.add(cluster::shutdown);
      return redisOptions(LettuceMessageStore.builder(cluster), config).build();
    } catch (IllegalArgumentException e) {
      // the drivers' messages may quote the URL (and its password): leave them out
      throw new ConfigException("REDIS_URL is not a valid Redis URL", e);
    } catch (RedisException | JedisException e) {
      throw new ConfigException("REDIS_URL=" + config.redisUrlForDisplay()
          + ": cannot connect to the cluster (" + e.getClass().getSimpleName() + ")", e);
    } catch (StoreException e) {
      throw new ConfigException(
          "REDIS_URL=" + config.redisUrlForDisplay() + ": " + e.getMessage(), e);
    }
  }

  /** A Jedis cluster client seeded with the node the URL names, with its user, password, TLS. */
  private static redis.clients.jedis.RedisClusterClient jedisCluster(String url) {
    URI uri = URI.create(url);
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .ssl(JedisURIHelper.isRedisSSLScheme(uri));
    if (JedisURIHelper.getUser(uri) != null) {
      client.user(JedisURIHelper.getUser(uri));
    }
    if (JedisURIHelper.getPassword(uri) != null) {
      client.password(JedisURIHelper.getPassword(uri));
    }
    return redis.clients.jedis.RedisClusterClient.builder()
        .nodes(Set.of(JedisURIHelper.getHostAndPort(uri)))
        .clientConfig(client.build())
        .build();
  }

  private static <B extends RedisStoreBuilder<B>> B redisOptions(B builder, ServerConfig config) {
    if (config.sessionTtl() != null) {
      builder.sessionTtl(config.sessionTtl());
    }
    return builder.layout(config.keyLayout() == ServerConfig.KeyLayout.MOTORHEAD
        ? RedisLayout.MOTORHEAD
        : RedisLayout.NATIVE);
  }

  private static Summarizer summarizer(ServerConfig config, List<AutoCloseable> owned) {
    if (!config.usesOpenAi()) {
      if (config.model() != null) {
        log.warn("MOTORHEAD_MODEL is ignored: neither OPENAI_API_KEY, OPENAI_API_BASE nor"
            + " AZURE_API_KEY is set");
      }
      log.info("No OPENAI_API_KEY: using the offline summarizer. It is extractive, not a language"
          + " model: it keeps the most informative sentences. Set OPENAI_API_KEY for LLM"
          + " summaries.");
      return OfflineSummarizer.create();
    }
    String variable = config.usesAzure() ? "AZURE_API_KEY" : "OPENAI_API_KEY";
    try {
      OpenAiSummarizer.Builder builder = OpenAiSummarizer.builder().endpoint(endpoint(config));
      if (config.model() != null) {
        builder.model(config.model());
      }
      if (config.usesAzure()) {
        builder.deployment(config.azureDeploymentId());
      }
      OpenAiSummarizer summarizer = builder.build();
      owned.add(summarizer);
      return summarizer;
    } catch (IllegalArgumentException e) {
      // the adapter's messages never show the key
      throw new ConfigException(variable + " or its companions cannot be used: " + e.getMessage(),
          e);
    }
  }

  /** Where model requests go: Azure when configured, else OPENAI_API_BASE, else OpenAI. */
  private static OpenAiEndpoint endpoint(ServerConfig config) {
    if (config.usesAzure()) {
      return OpenAiEndpoint.azure(config.azureApiBase(), config.azureApiKey());
    }
    if (config.openAiApiBase() != null) {
      return config.openAiApiKey() == null
          ? OpenAiEndpoint.compatible(config.openAiApiBase())
          : OpenAiEndpoint.compatible(config.openAiApiBase(), config.openAiApiKey());
    }
    return OpenAiEndpoint.openAi(config.openAiApiKey());
  }

  /**
   * Long-term memory when asked for: an OpenAI embedder when a model is configured, else the
   * offline lexical one; vectors beside the sessions in Redis, or in memory.
   */
  private static Retriever retriever(
      ServerConfig config, MessageStore store, List<AutoCloseable> owned) {
    if (!config.longTermMemory()) {
      return Retriever.NONE;
    }
    Embedder embedder;
    if (config.usesOpenAi()) {
      embedder = openAiEmbedder(config, owned);
    } else {
      log.info("No OPENAI_API_KEY: long-term memory uses the offline lexical embedder. It finds"
          + " messages that share words with the query, not meaning.");
      embedder = LexicalEmbedder.create();
    }
    LongTermMemory.Builder builder =
        LongTermMemory.builder().embedder(embedder).closeTimeout(config.shutdownTimeout());
    if (store instanceof RedisMessageStore redis) {
      builder.vectorStore(RedisVectorStore.create(redis));
    }
    LongTermMemory longTermMemory = builder.build();
    owned.add(longTermMemory);
    return longTermMemory;
  }

  private static Embedder openAiEmbedder(ServerConfig config, List<AutoCloseable> owned) {
    try {
      OpenAiEmbedder.Builder builder = OpenAiEmbedder.builder().endpoint(endpoint(config));
      if (config.embeddingModel() != null) {
        builder.model(config.embeddingModel());
      }
      if (config.embeddingDimensions() > 0) {
        builder.dimensions(config.embeddingDimensions());
      }
      if (config.usesAzure()) {
        builder.deployment(config.azureDeploymentIdAda());
      }
      OpenAiEmbedder embedder = builder.build();
      owned.add(embedder);
      return embedder;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("The embedder for MOTORHEAD_LONG_TERM_MEMORY cannot be built"
          + " (MOTORHEAD_EMBEDDING_MODEL, MOTORHEAD_EMBEDDING_DIMENSIONS): " + e.getMessage(), e);
    }
  }

  private static String describeStore(ServerConfig config) {
    if (config.redisUrl() == null) {
      return "in-memory"
          + (config.sessionTtl() == null ? "" : " (ttl " + config.sessionTtl() + ")");
    }
    return "redis " + config.redisUrlForDisplay() + " ("
        + config.redisDriver().name().toLowerCase(Locale.ROOT)
        + (config.redisCluster() ? ", cluster" : "") + ", "
        + config.keyLayout().name().toLowerCase(Locale.ROOT) + " layout"
        + (config.sessionTtl() == null ? "" : ", ttl " + config.sessionTtl()) + ")";
  }

  private static String describeLongTermMemory(ServerConfig config) {
    if (!config.longTermMemory()) {
      return "off";
    }
    if (!config.usesOpenAi()) {
      return "on (lexical embedder)";
    }
    String model = config.embeddingModel() == null
        ? OpenAiEmbedder.DEFAULT_MODEL
        : config.embeddingModel();
    return "on (" + (config.usesAzure()
        ? "azure deployment " + config.azureDeploymentIdAda()
        : model) + ")";
  }

  private static String describeModel(ServerConfig config) {
    String model = config.model() == null ? OpenAiSummarizer.DEFAULT_MODEL : config.model();
    if (config.usesAzure()) {
      return "azure openai " + model + " (deployment " + config.azureDeploymentId() + " at "
          + config.azureApiBase() + ")";
    }
    return "openai " + model
        + (config.openAiApiBase() == null ? "" : " at " + config.openAiApiBase());
  }

  private static void closeAll(List<AutoCloseable> owned) {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        log.warn("Closing {} failed", owned.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
