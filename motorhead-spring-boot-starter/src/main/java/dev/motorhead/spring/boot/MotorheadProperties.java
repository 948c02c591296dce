package dev.motorhead.spring.boot;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.CompactionMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code motorhead.*} properties. Every setter checks its value and names the property, so
 * a bad value stops startup with a message such as
 * {@code motorhead.window-size must be >= 2, was 1}.
 *
 * <pre>{@code
 * motorhead.window-size=12
 * motorhead.redis.url=redis://localhost:6379
 * motorhead.summarizer.model=gpt-4o-mini
 * }</pre>
 *
 * <p>Bound once at startup by Spring; not meant to be shared between threads while it is bound.
 */
@ConfigurationProperties("motorhead")
public class MotorheadProperties {

  /** Where sessions live. */
  public enum StoreType {
    /** Redis when {@code motorhead.redis.url} or {@code spring.data.redis.*} is set, else memory. */
    AUTO,
    /** In this JVM's memory: lost on restart, not shared between instances. */
    MEMORY,
    /** Redis, from {@code motorhead.redis.url} or else {@code spring.data.redis.*}. */
    REDIS
  }

  /** What writes summaries. */
  public enum SummarizerType {
    /** The application's Spring AI ChatModel when there is one, else the offline summarizer. */
    AUTO,
    /** The application's Spring AI ChatModel; startup fails without one. */
    CHAT_MODEL,
    /** The offline extractive summarizer (not a language model). */
    OFFLINE
  }

  /** The message that carries the running summary in Spring AI prompts. */
  public enum SummaryRole {
    SYSTEM,
    USER
  }

  /** Most messages a session keeps verbatim; past it the oldest are folded into the summary. */
  private int windowSize = 12;

  /** Most tokens a session keeps verbatim; unset for no token budget. */
  private Long maxWindowTokens;

  /** When compaction runs: in the background (async) or inside the call that overflowed (sync). */
  private CompactionMode compaction = CompactionMode.ASYNC;

  /** Sessions not written for this long expire; unset for never. */
  private Duration sessionTtl;

  /** First part of every Redis key, so that several applications can share one Redis. */
  private String keyPrefix = "mh";

  /** Where sessions live. */
  private StoreType store = StoreType.AUTO;

  private final Redis redis = new Redis();
  private final Summarizer summarizer = new Summarizer();
  private final ChatMemory chatMemory = new ChatMemory();
  private final LongTermMemory longTermMemory = new LongTermMemory();

  public int getWindowSize() {
    return windowSize;
  }

  public void setWindowSize(int windowSize) {
    this.windowSize = atLeast(windowSize, 2, "motorhead.window-size");
  }

  public Long getMaxWindowTokens() {
    return maxWindowTokens;
  }

  public void setMaxWindowTokens(Long maxWindowTokens) {
    if (maxWindowTokens != null) {
      atLeast(maxWindowTokens, 1, "motorhead.max-window-tokens");
    }
    this.maxWindowTokens = maxWindowTokens;
  }

  public CompactionMode getCompaction() {
    return compaction;
  }

  public void setCompaction(CompactionMode compaction) {
    this.compaction = required("motorhead.compaction", compaction);
  }

  public Duration getSessionTtl() {
    return sessionTtl;
  }

  public void setSessionTtl(Duration sessionTtl) {
    if (sessionTtl != null && sessionTtl.toMillis() < 1) {
      throw new IllegalArgumentException(
          "motorhead.session-ttl must be at least 1ms, was " + sessionTtl);
    }
    this.sessionTtl = sessionTtl;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.contains("{")
        || keyPrefix.contains("}")) {
      throw new IllegalArgumentException(
          "motorhead.key-prefix must be non-blank without { or }, was \"" + keyPrefix + "\"");
    }
    this.keyPrefix = keyPrefix;
  }

  public StoreType getStore() {
    return store;
  }

  public void setStore(StoreType store) {
    this.store = required("motorhead.store", store);
  }

  public Redis getRedis() {
    return redis;
  }

  public Summarizer getSummarizer() {
    return summarizer;
  }

  public ChatMemory getChatMemory() {
    return chatMemory;
  }

  public LongTermMemory getLongTermMemory() {
    return longTermMemory;
  }

  /** {@code motorhead.redis.*}: the Redis the store uses, and how its client fails fast. */
  public static class Redis {
    /**
     * Redis URL, such as redis://localhost:6379 or rediss://user:password@host:6380/0. When
     * unset, spring.data.redis.* is used if set.
     */
    private String url;

    /** Whether the URL names one node of a Redis Cluster. */
    private boolean cluster;

    /** How long a command may take before it fails; short, so calls fail fast while Redis is down. */
    private Duration commandTimeout = Duration.ofSeconds(2);

    /** How long connecting may take. */
    private Duration connectTimeout = Duration.ofSeconds(2);

    /** Longest wait between reconnection attempts while Redis is down. */
    private Duration maxReconnectDelay = Duration.ofSeconds(2);

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url == null || url.isBlank() ? null : url.strip();
    }

    public boolean isCluster() {
      return cluster;
    }

    public void setCluster(boolean cluster) {
      this.cluster = cluster;
    }

    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = positive(commandTimeout, "motorhead.redis.command-timeout");
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "motorhead.redis.connect-timeout");
    }

    public Duration getMaxReconnectDelay() {
      return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(Duration maxReconnectDelay) {
      this.maxReconnectDelay = positive(maxReconnectDelay, "motorhead.redis.max-reconnect-delay");
    }
  }

  /** {@code motorhead.summarizer.*}: what writes the running summaries. */
  public static class Summarizer {
    /** What writes summaries: auto, chat-model or offline. */
    private SummarizerType type = SummarizerType.AUTO;

    /** Name of the ChatModel bean to summarize with, when the application has several. */
    private String chatModel;

    /** Model name sent with summary calls (a cheaper one than the chat's); the model's default when unset. */
    private String model;

    /** Longest summary, in tokens (the chat model's max tokens, or the offline summarizer's budget). */
    private Integer maxSummaryTokens;

    /** Most tokens of new messages one summarizer call takes. */
    private int inputTokenBudget = 3_000;

    public SummarizerType getType() {
      return type;
    }

    public void setType(SummarizerType type) {
      this.type = required("motorhead.summarizer.type", type);
    }

    public String getChatModel() {
      return chatModel;
    }

    public void setChatModel(String chatModel) {
      this.chatModel = chatModel == null || chatModel.isBlank() ? null : chatModel.strip();
    }

    public String getModel() {
      return model;
    }

    public void setModel(String model) {
      this.model = model == null || model.isBlank() ? null : model.strip();
    }

    public Integer getMaxSummaryTokens() {
      return maxSummaryTokens;
    }

    public void setMaxSummaryTokens(Integer maxSummaryTokens) {
      if (maxSummaryTokens != null) {
        atLeast(maxSummaryTokens, 16, "motorhead.summarizer.max-summary-tokens");
      }
      this.maxSummaryTokens = maxSummaryTokens;
    }

    public int getInputTokenBudget() {
      return inputTokenBudget;
    }

    public void setInputTokenBudget(int inputTokenBudget) {
      this.inputTokenBudget =
          atLeast(inputTokenBudget, 64, "motorhead.summarizer.input-token-budget");
    }
  }

  /** {@code motorhead.chat-memory.*}: how the Spring AI ChatMemory shows the summary. */
  public static class ChatMemory {
    /** Type of the message carrying the summary: system or user. */
    private SummaryRole summaryRole = SummaryRole.SYSTEM;

    /** Text before the summary in that message. */
    private String summaryPrefix = "Summary of the conversation so far:\n";

    public SummaryRole getSummaryRole() {
      return summaryRole;
    }

    public void setSummaryRole(SummaryRole summaryRole) {
      this.summaryRole = required("motorhead.chat-memory.summary-role", summaryRole);
    }

    public String getSummaryPrefix() {
      return summaryPrefix;
    }

    public void setSummaryPrefix(String summaryPrefix) {
      this.summaryPrefix = summaryPrefix == null ? "" : summaryPrefix;
    }
  }

  /** {@code motorhead.long-term-memory.*}: embedding every message for search. */
  public static class LongTermMemory {
    /** Whether to embed every message for SessionMemory.search; off by default. */
    private boolean enabled;

    /** Name of the EmbeddingModel bean to embed with, when the application has several. */
    private String embeddingModel;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getEmbeddingModel() {
      return embeddingModel;
    }

    public void setEmbeddingModel(String embeddingModel) {
      this.embeddingModel =
          embeddingModel == null || embeddingModel.isBlank() ? null : embeddingModel.strip();
    }
  }

  private static <T> T required(String property, T value) {
    if (value == null) {
      throw new IllegalArgumentException(property + " must be set");
    }
    return value;
  }
}
