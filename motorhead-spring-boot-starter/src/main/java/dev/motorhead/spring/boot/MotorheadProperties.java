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
    /** A {@code SystemMessage}, after the pinned system message: the default. */
    SYSTEM,
    /** A {@code UserMessage}, for models that take one system message only. */
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

  /**
   * Returns {@code motorhead.window-size}: the most messages a session keeps verbatim.
   *
   * @return at least 2; 12 by default
   */
  public int getWindowSize() {
    return windowSize;
  }

  /**
   * Sets {@code motorhead.window-size}; past it the oldest messages are folded into the summary.
   *
   * @param windowSize the most messages a session keeps verbatim, at least 2
   * @throws IllegalArgumentException if windowSize is below 2
   */
  public void setWindowSize(int windowSize) {
    this.windowSize = atLeast(windowSize, 2, "motorhead.window-size");
  }

  /**
   * Returns {@code motorhead.max-window-tokens}: the most tokens a session keeps verbatim.
   *
   * @return at least 1, or null (the default) for no token budget
   */
  public Long getMaxWindowTokens() {
    return maxWindowTokens;
  }

  /**
   * Sets {@code motorhead.max-window-tokens}, a token budget on top of the window size.
   *
   * @param maxWindowTokens at least 1, or null for no token budget
   * @throws IllegalArgumentException if maxWindowTokens is below 1
   */
  public void setMaxWindowTokens(Long maxWindowTokens) {
    if (maxWindowTokens != null) {
      atLeast(maxWindowTokens, 1, "motorhead.max-window-tokens");
    }
    this.maxWindowTokens = maxWindowTokens;
  }

  /**
   * Returns {@code motorhead.compaction}: when compaction runs.
   *
   * @return never null; {@link CompactionMode#ASYNC} by default
   */
  public CompactionMode getCompaction() {
    return compaction;
  }

  /**
   * Sets {@code motorhead.compaction}: in the background, or inside the call that overflowed.
   *
   * @param compaction {@link CompactionMode#ASYNC} or {@link CompactionMode#SYNC}
   * @throws IllegalArgumentException if compaction is null
   */
  public void setCompaction(CompactionMode compaction) {
    this.compaction = required("motorhead.compaction", compaction);
  }

  /**
   * Returns {@code motorhead.session-ttl}: how long a session not written to lives.
   *
   * @return at least 1 ms, or null (the default) for sessions that never expire
   */
  public Duration getSessionTtl() {
    return sessionTtl;
  }

  /**
   * Sets {@code motorhead.session-ttl}; each write to a session starts its time again.
   *
   * @param sessionTtl at least 1 ms, or null for never
   * @throws IllegalArgumentException if sessionTtl is shorter than 1 ms
   */
  public void setSessionTtl(Duration sessionTtl) {
    if (sessionTtl != null && sessionTtl.toMillis() < 1) {
      throw new IllegalArgumentException(
          "motorhead.session-ttl must be at least 1ms, was " + sessionTtl);
    }
    this.sessionTtl = sessionTtl;
  }

  /**
   * Returns {@code motorhead.key-prefix}: the first part of every Redis key.
   *
   * @return non-blank, without braces; {@code mh} by default
   */
  public String getKeyPrefix() {
    return keyPrefix;
  }

  /**
   * Sets {@code motorhead.key-prefix}, so that several applications can share one Redis.
   *
   * @param keyPrefix non-blank and without braces, which would take over the Redis Cluster
   *     hash tag that keeps a session's keys in one slot
   * @throws IllegalArgumentException if keyPrefix is null, blank, or holds a brace
   */
  public void setKeyPrefix(String keyPrefix) {
    if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.contains("{")
        || keyPrefix.contains("}")) {
      throw new IllegalArgumentException(
          "motorhead.key-prefix must be non-blank without { or }, was \"" + keyPrefix + "\"");
    }
    this.keyPrefix = keyPrefix;
  }

  /**
   * Returns {@code motorhead.store}: where sessions live.
   *
   * @return never null; {@link StoreType#AUTO} by default
   */
  public StoreType getStore() {
    return store;
  }

  /**
   * Sets {@code motorhead.store}: {@code auto}, {@code memory} or {@code redis}.
   *
   * @param store where sessions live
   * @throws IllegalArgumentException if store is null
   */
  public void setStore(StoreType store) {
    this.store = required("motorhead.store", store);
  }

  /**
   * The {@code motorhead.redis.*} properties.
   *
   * @return the group, bound in place; never null
   */
  public Redis getRedis() {
    return redis;
  }

  /**
   * The {@code motorhead.summarizer.*} properties.
   *
   * @return the group, bound in place; never null
   */
  public Summarizer getSummarizer() {
    return summarizer;
  }

  /**
   * The {@code motorhead.chat-memory.*} properties.
   *
   * @return the group, bound in place; never null
   */
  public ChatMemory getChatMemory() {
    return chatMemory;
  }

  /**
   * The {@code motorhead.long-term-memory.*} properties.
   *
   * @return the group, bound in place; never null
   */
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

    /**
     * Returns {@code motorhead.redis.url}: the Redis the store uses.
     *
     * @return a {@code redis://} or {@code rediss://} URL, stripped, or null (the default) when
     *     {@code spring.data.redis.*} decides
     */
    public String getUrl() {
      return url;
    }

    /**
     * Sets {@code motorhead.redis.url}; the URL is checked at startup, with the Redis store.
     *
     * @param url such as {@code redis://localhost:6379}; null or blank for none
     */
    public void setUrl(String url) {
      this.url = url == null || url.isBlank() ? null : url.strip();
    }

    /**
     * Returns {@code motorhead.redis.cluster}: whether the URL names one node of a Redis Cluster.
     *
     * @return false by default
     */
    public boolean isCluster() {
      return cluster;
    }

    /**
     * Sets {@code motorhead.redis.cluster}.
     *
     * @param cluster true to connect to the Redis Cluster the URL names a node of
     */
    public void setCluster(boolean cluster) {
      this.cluster = cluster;
    }

    /**
     * Returns {@code motorhead.redis.command-timeout}: how long a command may take before it fails.
     *
     * @return positive; 2 s by default
     */
    public Duration getCommandTimeout() {
      return commandTimeout;
    }

    /**
     * Sets {@code motorhead.redis.command-timeout}; the health check waits twice as long.
     *
     * @param commandTimeout positive; short, so that calls fail fast while Redis is down
     * @throws IllegalArgumentException if commandTimeout is null, zero or negative
     */
    public void setCommandTimeout(Duration commandTimeout) {
      this.commandTimeout = positive(commandTimeout, "motorhead.redis.command-timeout");
    }

    /**
     * Returns {@code motorhead.redis.connect-timeout}: how long connecting may take.
     *
     * @return positive; 2 s by default
     */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets {@code motorhead.redis.connect-timeout}.
     *
     * @param connectTimeout positive
     * @throws IllegalArgumentException if connectTimeout is null, zero or negative
     */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "motorhead.redis.connect-timeout");
    }

    /**
     * Returns {@code motorhead.redis.max-reconnect-delay}: the longest wait between reconnection
     * attempts while Redis is down.
     *
     * @return positive; 2 s by default
     */
    public Duration getMaxReconnectDelay() {
      return maxReconnectDelay;
    }

    /**
     * Sets {@code motorhead.redis.max-reconnect-delay}.
     *
     * @param maxReconnectDelay positive
     * @throws IllegalArgumentException if maxReconnectDelay is null, zero or negative
     */
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

    /**
     * Returns {@code motorhead.summarizer.type}: what writes summaries.
     *
     * @return never null; {@link SummarizerType#AUTO} by default
     */
    public SummarizerType getType() {
      return type;
    }

    /**
     * Sets {@code motorhead.summarizer.type}: {@code auto}, {@code chat-model} or {@code offline}.
     *
     * @param type what writes summaries
     * @throws IllegalArgumentException if type is null
     */
    public void setType(SummarizerType type) {
      this.type = required("motorhead.summarizer.type", type);
    }

    /**
     * Returns {@code motorhead.summarizer.chat-model}: the name of the ChatModel bean to
     * summarize with.
     *
     * @return a bean name, stripped, or null (the default) for the application's only or
     *     {@code @Primary} ChatModel
     */
    public String getChatModel() {
      return chatModel;
    }

    /**
     * Sets {@code motorhead.summarizer.chat-model}, needed when the application has several
     * ChatModel beans and none is {@code @Primary}. Startup fails if no ChatModel bean has the
     * name.
     *
     * @param chatModel a bean name; null or blank for none
     */
    public void setChatModel(String chatModel) {
      this.chatModel = chatModel == null || chatModel.isBlank() ? null : chatModel.strip();
    }

    /**
     * Returns {@code motorhead.summarizer.model}: the model name sent with summary calls.
     *
     * @return a model name, stripped, or null (the default) for the chat model's own
     */
    public String getModel() {
      return model;
    }

    /**
     * Sets {@code motorhead.summarizer.model}, such as a cheaper model than the chat's.
     *
     * @param model a name the chat model's provider knows; null or blank for the model's default
     */
    public void setModel(String model) {
      this.model = model == null || model.isBlank() ? null : model.strip();
    }

    /**
     * Returns {@code motorhead.summarizer.max-summary-tokens}: the longest summary, in tokens.
     *
     * @return at least 16, or null (the default) for the summarizer's own limit
     */
    public Integer getMaxSummaryTokens() {
      return maxSummaryTokens;
    }

    /**
     * Sets {@code motorhead.summarizer.max-summary-tokens}: the chat model's max tokens, or the
     * offline summarizer's budget.
     *
     * @param maxSummaryTokens at least 16, or null for the summarizer's own limit
     * @throws IllegalArgumentException if maxSummaryTokens is below 16
     */
    public void setMaxSummaryTokens(Integer maxSummaryTokens) {
      if (maxSummaryTokens != null) {
        atLeast(maxSummaryTokens, 16, "motorhead.summarizer.max-summary-tokens");
      }
      this.maxSummaryTokens = maxSummaryTokens;
    }

    /**
     * Returns {@code motorhead.summarizer.input-token-budget}: the most tokens of new messages one
     * summarizer call takes.
     *
     * @return at least 64; 3,000 by default
     */
    public int getInputTokenBudget() {
      return inputTokenBudget;
    }

    /**
     * Sets {@code motorhead.summarizer.input-token-budget}; set it from the model's context window
     * less room for the instructions, the summary and the answer.
     *
     * @param inputTokenBudget at least 64
     * @throws IllegalArgumentException if inputTokenBudget is below 64
     */
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

    /**
     * Returns {@code motorhead.chat-memory.summary-role}: the type of the message carrying the
     * summary.
     *
     * @return never null; {@link SummaryRole#SYSTEM} by default
     */
    public SummaryRole getSummaryRole() {
      return summaryRole;
    }

    /**
     * Sets {@code motorhead.chat-memory.summary-role}: {@code system} or {@code user}.
     *
     * @param summaryRole the type of the message carrying the summary
     * @throws IllegalArgumentException if summaryRole is null
     */
    public void setSummaryRole(SummaryRole summaryRole) {
      this.summaryRole = required("motorhead.chat-memory.summary-role", summaryRole);
    }

    /**
     * Returns {@code motorhead.chat-memory.summary-prefix}: the text before the summary in its
     * message.
     *
     * @return never null, possibly empty; {@code "Summary of the conversation so far:\n"} by
     *     default
     */
    public String getSummaryPrefix() {
      return summaryPrefix;
    }

    /**
     * Sets {@code motorhead.chat-memory.summary-prefix}, used as it is: end it with a line break
     * or a space to set it apart from the summary.
     *
     * @param summaryPrefix the text before the summary; null for none
     */
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

    /**
     * Returns {@code motorhead.long-term-memory.enabled}: whether every message is embedded for
     * {@code SessionMemory.search}.
     *
     * @return false by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code motorhead.long-term-memory.enabled}. Messages are embedded with the
     * application's EmbeddingModel, or a built-in lexical embedder when it has none.
     *
     * @param enabled true to embed every message
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns {@code motorhead.long-term-memory.embedding-model}: the name of the EmbeddingModel
     * bean to embed with.
     *
     * @return a bean name, stripped, or null (the default) for the application's only or
     *     {@code @Primary} EmbeddingModel
     */
    public String getEmbeddingModel() {
      return embeddingModel;
    }

    /**
     * Sets {@code motorhead.long-term-memory.embedding-model}, needed when the application has
     * several EmbeddingModel beans and none is {@code @Primary}. Startup fails if no
     * EmbeddingModel bean has the name.
     *
     * @param embeddingModel a bean name; null or blank for none
     */
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
