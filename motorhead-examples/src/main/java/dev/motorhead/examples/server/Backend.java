package dev.motorhead.examples.server;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryListener;
import dev.motorhead.micrometer.MotorheadMetrics;
import dev.motorhead.StoreException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.motorhead.langchain4j.ChatModelSummarizer;
import dev.motorhead.langchain4j.EmbeddingModelEmbedder;
import dev.motorhead.openai.OpenAiEmbedder;
import dev.motorhead.openai.OpenAiEndpoint;
import dev.motorhead.openai.OpenAiSummarizer;
import dev.motorhead.longterm.Embedder;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.RedisVectorStore;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.summarize.OfflineSummarizer;
import dev.motorhead.summarize.Summarizer;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What the server runs on, built from a {@link ServerConfig}: the {@link MemoryClient}, the
 * store, model clients and connections made for it, and the meters of the process.
 *
 * <p>{@link #close()} lets compactions and long-term memory indexing in flight finish side by
 * side within the shutdown timeout, then closes everything else, newest first.
 *
 * <pre>{@code
 * try (Backend backend = Backend.open(ServerConfig.fromEnv(System.getenv()))) {
 *   backend.client().session("s1").add(Message.of("Human", "hi"));
 * }
 * }</pre>
 */
final class Backend implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);

  private final MemoryClient client;
  private final LongTermMemory longTermMemory; // null when long-term memory is off
  private final List<AutoCloseable> owned;
  private final ServerMetrics metrics;
  private final String description;
  private final Duration shutdownTimeout;
  private final boolean nonBlocking;

  private Backend(MemoryClient client, LongTermMemory longTermMemory, List<AutoCloseable> owned,
      ServerMetrics metrics, String description, Duration shutdownTimeout, boolean nonBlocking) {
    this.shutdownTimeout = shutdownTimeout;
    this.nonBlocking = nonBlocking;
    this.client = client;
    this.longTermMemory = longTermMemory;
    this.owned = owned;
    this.metrics = metrics;
    this.description = description;
  }

  /**
   * Connects to what the configuration names and builds the memory client.
   *
   * @throws ConfigException if a setting cannot be used (the message names the variable)
   */
  public static Backend open(ServerConfig config) {
    ServerMetrics metrics = new ServerMetrics();
    MotorheadMetrics library = libraryMetrics(metrics);
    List<AutoCloseable> owned = new ArrayList<>();
    owned.add(metrics);
    LongTermMemory longTermMemory = null;
    try {
      MessageStore store = store(config, owned);
      Summarizer summarizer = summarizer(config, owned);
      longTermMemory = longTermMemory(config, store, library, owned);
      MemoryClient.Builder builder =
          MemoryClient.builder()
              .listener(library)
              .store(store)
              .summarizer(summarizer)
              .longTermMemory(longTermMemory == null ? LongTermMemory.NONE : longTermMemory)
              .windowSize(config.windowSize())
              .compactionMode(config.compactionMode())
              .closeTimeout(config.shutdownTimeout());
      if (config.maxWindowTokens() > 0) {
        builder.maxWindowTokens(config.maxWindowTokens());
      }
      MemoryClient client = builder.build();
      monitor(library, client, longTermMemory);
      String description = "store=" + describeStore(config)
          + ", summarizer="
          + (config.usesOpenAi() || config.usesAnthropic() ? describeModel(config) : "offline")
          + ", window=" + config.windowSize()
          + (config.maxWindowTokens() > 0 ? " (" + config.maxWindowTokens() + " tokens)" : "")
          + ", compaction=" + config.compactionMode().name().toLowerCase(Locale.ROOT)
          + ", long-term memory=" + describeLongTermMemory(config);
      boolean nonBlocking = config.redisUrl() != null
          && config.redisDriver() == ServerConfig.RedisDriver.LETTUCE
          && config.compactionMode() == CompactionMode.ASYNC;
      return new Backend(client, longTermMemory, owned, metrics, description,
          config.shutdownTimeout(), nonBlocking);
    } catch (RuntimeException e) {
      if (longTermMemory != null) {
        longTermMemory.close();
      }
      closeAll(owned);
      throw e;
    }
  }

  /**
   * The one place where the memory library's meters join the server's: the
   * {@code motorhead-micrometer} binder, the listener {@link MemoryClient} and
   * {@link LongTermMemory} report compactions, summarizer calls, lease takeovers and indexing to,
   * bound to {@code metrics.registry()} (with its pending-compaction, backlog and indexing-queue
   * gauges once {@link #monitor} gives it the client).
   */
  private static MotorheadMetrics libraryMetrics(ServerMetrics metrics) {
    MotorheadMetrics library = MotorheadMetrics.create();
    library.bindTo(metrics.registry());
    return library;
  }

  private static void monitor(
      MotorheadMetrics library, MemoryClient client, LongTermMemory longTermMemory) {
    library.monitor(client);
    if (longTermMemory != null) {
      library.monitor(longTermMemory);
    }
  }

  /** The memory client the server serves. */
  public MemoryClient client() {
    return client;
  }

  /**
   * Whether every store call returns without blocking the calling thread, so that requests can
   * be answered without workers: Lettuce, with background compaction (a synchronous compaction
   * calls the summarizer inside the write). Jedis blocks; the in-memory store may take locks.
   */
  boolean nonBlocking() {
    return nonBlocking;
  }

  /** The meters of this process, which {@code /metrics} shows. */
  ServerMetrics metrics() {
    return metrics;
  }

  /** One line saying what it runs on (store, summarizer, window); never a secret. */
  public String description() {
    return description;
  }

  /** Closes within the shutdown timeout; see {@link #close(long)}. */
  @Override
  public void close() {
    close(System.nanoTime() + shutdownTimeout.toNanos());
  }

  /**
   * Lets running compactions and long-term memory indexing finish side by side until the
   * deadline (on {@link System#nanoTime()}), then closes the store, model clients and
   * connections. Work still running at the deadline is abandoned: its messages stay in the store
   * (compactions retry later; messages not yet indexed are not searchable).
   */
  void close(long deadlineNanos) {
    List<Thread> drains = new ArrayList<>();
    drains.add(drain("compactions", client));
    if (longTermMemory != null) {
      drains.add(drain("long-term memory indexing", longTermMemory));
    }
    for (Thread drain : drains) {
      try {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(drain, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (drain.isAlive()) {
        log.warn("{} still running at the end of the shutdown budget; leaving it: messages stay"
            + " in the store, and are compacted later", drain.getName());
      }
    }
    closeAll(owned);
  }

  private static Thread drain(String name, AutoCloseable closeable) {
    Thread thread = new Thread(() -> {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", name, e.toString());
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
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
   * A Redis store on driver clients built to fail fast and recover by themselves
   * ({@link RedisDrivers}); fails at once if Redis cannot be reached at startup.
   */
  private static MessageStore redisStore(ServerConfig config, List<AutoCloseable> owned) {
    try {
      return RedisDrivers.store(config, owned);
    } catch (IllegalArgumentException e) {
      // the drivers' messages may quote the URL (and its password): leave them out
      throw new ConfigException("REDIS_URL is not a valid Redis URL", e);
    } catch (RedisException | JedisException e) {
      throw new ConfigException("REDIS_URL=" + config.redisUrlForDisplay()
          + ": cannot connect (" + e.getClass().getSimpleName() + ")", e);
    } catch (StoreException e) {
      throw new ConfigException(
          "REDIS_URL=" + config.redisUrlForDisplay() + ": " + e.getMessage(), e);
    }
  }

  /** The model Claude summaries use when MOTORHEAD_MODEL is not set: Anthropic's fast one. */
  static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5";
  /** The longest summary Claude writes, as the OpenAI summarizer's default. */
  private static final int ANTHROPIC_MAX_SUMMARY_TOKENS = 512;

  private static Summarizer summarizer(ServerConfig config, List<AutoCloseable> owned) {
    if (config.usesAnthropic()) {
      return anthropicSummarizer(config);
    }
    if (!config.usesOpenAi()) {
      if (config.model() != null) {
        log.warn("MOTORHEAD_MODEL is ignored: neither OPENAI_API_KEY, OPENAI_API_BASE,"
            + " AZURE_API_KEY nor ANTHROPIC_API_KEY is set");
      }
      log.info("No OPENAI_API_KEY or ANTHROPIC_API_KEY: using the offline summarizer. It is"
          + " extractive, not a language model: it keeps the most informative sentences. Set"
          + " OPENAI_API_KEY or ANTHROPIC_API_KEY for LLM summaries.");
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

  /**
   * Summaries by Anthropic's Claude: LangChain4j's Anthropic model behind the LangChain4j
   * summarizer adapter. Its own quick retries are kept to one; the compactor's backoff retries
   * beyond that.
   */
  private static Summarizer anthropicSummarizer(ServerConfig config) {
    try {
      AnthropicChatModel.AnthropicChatModelBuilder model = AnthropicChatModel.builder()
          .apiKey(config.anthropicApiKey())
          .modelName(config.model() == null ? DEFAULT_ANTHROPIC_MODEL : config.model())
          .maxTokens(ANTHROPIC_MAX_SUMMARY_TOKENS)
          .timeout(Duration.ofSeconds(60))
          .maxRetries(1);
      if (config.anthropicApiBase() != null) {
        model.baseUrl(config.anthropicApiBase());
      }
      return ChatModelSummarizer.create(model.build());
    } catch (RuntimeException e) {
      // LangChain4j's messages name settings, never the key
      throw new ConfigException("ANTHROPIC_API_KEY or its companions cannot be used: "
          + e.getMessage(), e);
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
   * Long-term memory when asked for, else {@code null}: an OpenAI embedder when a model is
   * configured, else the offline lexical one; vectors beside the sessions in Redis, or in memory.
   * It is closed by {@link #close(long)} beside the client, not with {@code owned}.
   */
  private static LongTermMemory longTermMemory(ServerConfig config, MessageStore store,
      MemoryListener listener, List<AutoCloseable> owned) {
    if (!config.longTermMemory()) {
      return null;
    }
    Embedder embedder = switch (config.embeddings()) {
      case OPENAI -> openAiEmbedder(config, owned);
      case LOCAL -> localEmbedder();
      case LEXICAL -> {
        log.info("Long-term memory uses the offline lexical embedder: it finds messages that share"
            + " words with the query, not meaning. MOTORHEAD_EMBEDDINGS=local finds meaning with an"
            + " in-process model, no key needed.");
        yield LexicalEmbedder.create();
      }
    };
    LongTermMemory.Builder builder = LongTermMemory.builder()
        .embedder(embedder)
        .listener(listener)
        .closeTimeout(config.shutdownTimeout());
    if (store instanceof RedisMessageStore redis) {
      builder.vectorStore(RedisVectorStore.create(redis));
    } else if (config.sessionTtl() != null) {
      builder.sessionTtl(config.sessionTtl()); // vectors in memory expire with their sessions
    }
    return builder.build();
  }

  /**
   * The in-process all-MiniLM-L6-v2 model (384 dimensions), loaded once at startup. It embeds on
   * this machine's CPU, a few milliseconds per message, on the long-term memory's worker thread.
   */
  private static Embedder localEmbedder() {
    long started = System.nanoTime();
    Embedder embedder = EmbeddingModelEmbedder.builder()
        .embeddingModel(new AllMiniLmL6V2EmbeddingModel())
        .dimensions(384)
        .build();
    log.info("Long-term memory uses the in-process all-MiniLM-L6-v2 model (loaded in {} ms)",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return embedder;
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
    if (config.embeddings() == ServerConfig.Embeddings.LEXICAL) {
      return "on (lexical embedder)";
    }
    if (config.embeddings() == ServerConfig.Embeddings.LOCAL) {
      return "on (local all-MiniLM-L6-v2)";
    }
    String model = config.embeddingModel() == null
        ? OpenAiEmbedder.DEFAULT_MODEL
        : config.embeddingModel();
    return "on (" + (config.usesAzure()
        ? "azure deployment " + config.azureDeploymentIdAda()
        : model) + ")";
  }

  private static String describeModel(ServerConfig config) {
    if (config.usesAnthropic()) {
      return "anthropic " + (config.model() == null ? DEFAULT_ANTHROPIC_MODEL : config.model())
          + (config.anthropicApiBase() == null ? "" : " at " + config.anthropicApiBase());
    }
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
