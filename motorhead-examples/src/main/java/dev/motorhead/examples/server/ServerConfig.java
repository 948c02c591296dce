package dev.motorhead.examples.server;

import dev.motorhead.CompactionMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's settings, read from environment variables: Motorhead's own names ({@code PORT},
 * {@code REDIS_URL}, {@code MOTORHEAD_MAX_WINDOW_SIZE}, {@code OPENAI_API_KEY}, ...) and our
 * additions, which all start with {@code MOTORHEAD_}. Immutable.
 *
 * <p>{@link #fromEnv(Map)} takes the environment as a map so tests pass their own. A variable set
 * to an empty or blank value counts as unset. Every invalid value is rejected with a
 * {@link ConfigException} whose message names the variable and, for non-secret variables, quotes
 * the value. {@link #toString()} never shows an API key or a Redis password.
 *
 * @param host the address to bind ({@code MOTORHEAD_HOST}, default {@code 0.0.0.0} like Motorhead)
 * @param port {@code PORT}, default 8080 (Motorhead's binary said 8000, its docs and compose file
 *     8080; we follow the docs)
 * @param redisUrl {@code REDIS_URL}, {@code null} for the in-memory store
 * @param redisDriver {@code MOTORHEAD_REDIS_DRIVER}
 * @param redisCluster {@code MOTORHEAD_REDIS_CLUSTER}: {@code REDIS_URL} names one node of a
 *     Redis Cluster, default false
 * @param keyLayout {@code MOTORHEAD_KEY_LAYOUT}
 * @param sessionTtl {@code MOTORHEAD_SESSION_TTL}, {@code null} when sessions never expire
 * @param windowSize {@code MOTORHEAD_MAX_WINDOW_SIZE}, default 12
 * @param maxWindowTokens {@code MOTORHEAD_MAX_WINDOW_TOKENS}: the token budget of the verbatim
 *     window (the library's {@code maxWindowTokens}); 0, the default, for none
 * @param compactionMode {@code MOTORHEAD_COMPACTION}, default {@code async}
 * @param longTermMemory {@code MOTORHEAD_LONG_TERM_MEMORY}, default false
 * @param model {@code MOTORHEAD_MODEL}, {@code null} for the OpenAI module's default
 * @param embeddingModel {@code MOTORHEAD_EMBEDDING_MODEL}, {@code null} for the OpenAI module's
 *     default; used with long-term memory and a model
 * @param embeddingDimensions {@code MOTORHEAD_EMBEDDING_DIMENSIONS}, 0 for the model's own size
 * @param openAiApiKey {@code OPENAI_API_KEY}; with no key, base or Azure settings the offline
 *     summarizer and embedder are used
 * @param openAiApiBase {@code OPENAI_API_BASE} or its alias {@code SUMMARIZER_API_BASE} (the
 *     name the published descriptions of Motorhead use), an OpenAI-compatible base URL (a key is
 *     then optional); {@code null} for api.openai.com
 * @param azureDeploymentId {@code AZURE_DEPLOYMENT_ID} (chat model deployment)
 * @param azureDeploymentIdAda {@code AZURE_DEPLOYMENT_ID_ADA} (embedding deployment)
 * @param azureApiBase {@code AZURE_API_BASE}
 * @param azureApiKey {@code AZURE_API_KEY}
 * @param anthropicApiKey {@code ANTHROPIC_API_KEY}: summaries by Anthropic's Claude (through
 *     LangChain4j's Anthropic model), in preference to the OpenAI settings, which then serve
 *     embeddings only
 * @param anthropicApiBase {@code ANTHROPIC_API_BASE}, the Messages API base URL including
 *     {@code /v1/}; {@code null} for {@code https://api.anthropic.com/v1/}
 * @param embeddings {@code MOTORHEAD_EMBEDDINGS} ({@code lexical}, {@code local} or
 *     {@code openai}): the long-term memory embedder; {@code openai} by default when OpenAI
 *     settings are given, else {@code lexical}
 * @param maxBodyBytes {@code MOTORHEAD_MAX_BODY_BYTES}, default 1 MiB; larger bodies get 413
 * @param workerThreads {@code MOTORHEAD_WORKER_THREADS}, default 16
 * @param workerQueue {@code MOTORHEAD_WORKER_QUEUE}, default 1000; past it requests get 503
 * @param queueTimeout {@code MOTORHEAD_QUEUE_TIMEOUT}, default 5 s: a request that waited this
 *     long for a worker is answered 503 instead of being run late
 * @param shutdownTimeout {@code MOTORHEAD_SHUTDOWN_TIMEOUT}, default 10 s: the whole budget of a
 *     shutdown, for requests, compactions and long-term memory indexing in flight together
 * @param redisTimeout {@code MOTORHEAD_REDIS_TIMEOUT}, default 2 s: how long one Redis command
 *     (or connecting) may take before the request fails with 503
 * @param idleTimeout {@code MOTORHEAD_IDLE_TIMEOUT}, default 30 s: a connection with nothing
 *     arriving and nothing to send for this long is closed (an idle keep-alive connection, or a
 *     client that stopped sending in the middle of a request)
 * @param headerTimeout {@code MOTORHEAD_HEADER_TIMEOUT}, default 10 s: the longest a request's
 *     line and headers may take to arrive, from their first byte; past it the connection is
 *     closed, however slowly bytes keep coming
 * @param bodyTimeout {@code MOTORHEAD_BODY_TIMEOUT}, default 30 s: the longest a request body may
 *     take to arrive once the headers are in; past it the request is answered 408 and the
 *     connection closed
 * @param maxConnections {@code MOTORHEAD_MAX_CONNECTIONS}, default 1000: open connections at
 *     most; past it the server stops accepting until one closes (new ones wait in the backlog)
 */
record ServerConfig(
    String host,
    int port,
    String redisUrl,
    RedisDriver redisDriver,
    boolean redisCluster,
    KeyLayout keyLayout,
    Duration sessionTtl,
    int windowSize,
    long maxWindowTokens,
    CompactionMode compactionMode,
    boolean longTermMemory,
    String model,
    String embeddingModel,
    int embeddingDimensions,
    String openAiApiKey,
    String openAiApiBase,
    String azureDeploymentId,
    String azureDeploymentIdAda,
    String azureApiBase,
    String azureApiKey,
    String anthropicApiKey,
    String anthropicApiBase,
    Embeddings embeddings,
    int maxBodyBytes,
    int workerThreads,
    int workerQueue,
    Duration queueTimeout,
    Duration shutdownTimeout,
    Duration redisTimeout,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    int maxConnections) {

  /** Which Redis client library talks to {@code REDIS_URL}. */
  public enum RedisDriver {
    LETTUCE,
    JEDIS
  }

  /** What turns messages into vectors for long-term memory ({@code MOTORHEAD_EMBEDDINGS}). */
  public enum Embeddings {
    /** Hashed words and word pairs: offline and cheap, finds shared words, not meaning. */
    LEXICAL,
    /** The in-process all-MiniLM-L6-v2 model (384 dimensions): finds meaning, no key, no network. */
    LOCAL,
    /** The OpenAI (or Azure, or compatible) embedding model of the OpenAI settings. */
    OPENAI
  }

  /** How sessions are laid out in Redis. */
  public enum KeyLayout {
    /** This library's cluster-safe layout: one hash tag per session. */
    NATIVE,
    /** Motorhead's own keys ({@code session:<id>}, {@code context:<id>}, ...), to keep its data. */
    MOTORHEAD
  }

  /** The settings with every variable unset: in-memory, offline, window 12, port 8080. */
  public static ServerConfig defaults() {
    return fromEnv(Map.of());
  }

  /**
   * Reads the settings from environment variables.
   *
   * @throws ConfigException naming the first invalid variable
   */
  public static ServerConfig fromEnv(Map<String, String> env) {
    Env e = new Env(env);
    String redisUrl = e.redisUrl("REDIS_URL");
    KeyLayout keyLayout = e.choice("MOTORHEAD_KEY_LAYOUT", KeyLayout.class, KeyLayout.NATIVE);
    if (keyLayout == KeyLayout.MOTORHEAD && redisUrl == null) {
      throw new ConfigException(
          "MOTORHEAD_KEY_LAYOUT=motorhead needs REDIS_URL: the Motorhead layout is a Redis layout");
    }
    boolean redisCluster = e.bool("MOTORHEAD_REDIS_CLUSTER", false);
    if (redisCluster && redisUrl == null) {
      throw new ConfigException("MOTORHEAD_REDIS_CLUSTER=true needs REDIS_URL (one node of the"
          + " cluster)");
    }
    if (redisCluster && keyLayout == KeyLayout.MOTORHEAD) {
      throw new ConfigException("MOTORHEAD_KEY_LAYOUT=motorhead works on a standalone Redis only,"
          + " not with MOTORHEAD_REDIS_CLUSTER=true (a session's Motorhead keys span slots)");
    }
    boolean longTermMemory = e.bool("MOTORHEAD_LONG_TERM_MEMORY", false);
    String azureDeploymentId = e.text("AZURE_DEPLOYMENT_ID");
    String azureDeploymentIdAda = e.text("AZURE_DEPLOYMENT_ID_ADA");
    String azureApiBase = e.httpUrl("AZURE_API_BASE");
    String azureApiKey = e.text("AZURE_API_KEY");
    if (azureDeploymentId != null || azureDeploymentIdAda != null || azureApiBase != null
        || azureApiKey != null) {
      List<String> missing = new ArrayList<>();
      if (azureApiKey == null) {
        missing.add("AZURE_API_KEY");
      }
      if (azureApiBase == null) {
        missing.add("AZURE_API_BASE");
      }
      if (azureDeploymentId == null) {
        missing.add("AZURE_DEPLOYMENT_ID");
      }
      if (azureDeploymentIdAda == null && longTermMemory) {
        missing.add("AZURE_DEPLOYMENT_ID_ADA");
      }
      if (!missing.isEmpty()) {
        throw new ConfigException(String.join(", ", missing)
            + (missing.size() == 1 ? " is" : " are")
            + " not set: Azure OpenAI needs AZURE_API_KEY, AZURE_API_BASE and AZURE_DEPLOYMENT_ID"
            + " (and AZURE_DEPLOYMENT_ID_ADA with MOTORHEAD_LONG_TERM_MEMORY=true)");
      }
    }
    String openAiApiBase = e.httpUrl("OPENAI_API_BASE");
    String summarizerApiBase = e.httpUrl("SUMMARIZER_API_BASE");
    if (openAiApiBase != null && summarizerApiBase != null
        && !openAiApiBase.equals(summarizerApiBase)) {
      throw new ConfigException("OPENAI_API_BASE and SUMMARIZER_API_BASE name the same setting and"
          + " differ (" + Json.quoted(openAiApiBase) + ", " + Json.quoted(summarizerApiBase)
          + "): set one of them");
    }
    String openAiApiKey = e.text("OPENAI_API_KEY");
    String effectiveOpenAiBase = openAiApiBase != null ? openAiApiBase : summarizerApiBase;
    boolean openAiSettings =
        openAiApiKey != null || effectiveOpenAiBase != null || azureApiKey != null;
    String anthropicApiKey = e.text("ANTHROPIC_API_KEY");
    String anthropicApiBase = e.httpUrl("ANTHROPIC_API_BASE");
    if (anthropicApiBase != null && anthropicApiKey == null) {
      throw new ConfigException("ANTHROPIC_API_BASE is set but ANTHROPIC_API_KEY is not: Claude"
          + " summaries need the key");
    }
    Embeddings embeddings = e.choice("MOTORHEAD_EMBEDDINGS", Embeddings.class,
        openAiSettings ? Embeddings.OPENAI : Embeddings.LEXICAL);
    if (embeddings == Embeddings.OPENAI && !openAiSettings) {
      throw new ConfigException("MOTORHEAD_EMBEDDINGS=openai needs OPENAI_API_KEY, OPENAI_API_BASE"
          + " or the AZURE_* settings");
    }
    return new ServerConfig(
        e.text("MOTORHEAD_HOST", "0.0.0.0"),
        e.integer("PORT", 8080, 0, 65_535),
        redisUrl,
        e.choice("MOTORHEAD_REDIS_DRIVER", RedisDriver.class, RedisDriver.LETTUCE),
        redisCluster,
        keyLayout,
        e.duration("MOTORHEAD_SESSION_TTL", null),
        e.integer("MOTORHEAD_MAX_WINDOW_SIZE", 12, 2, Integer.MAX_VALUE),
        e.integer("MOTORHEAD_MAX_WINDOW_TOKENS", 0, 1, Integer.MAX_VALUE),
        e.choice("MOTORHEAD_COMPACTION", CompactionMode.class, CompactionMode.ASYNC),
        longTermMemory,
        e.text("MOTORHEAD_MODEL"),
        e.text("MOTORHEAD_EMBEDDING_MODEL"),
        e.integer("MOTORHEAD_EMBEDDING_DIMENSIONS", 0, 1, 65_536),
        openAiApiKey,
        effectiveOpenAiBase,
        azureDeploymentId,
        azureDeploymentIdAda,
        azureApiBase,
        azureApiKey,
        anthropicApiKey,
        anthropicApiBase,
        embeddings,
        e.integer("MOTORHEAD_MAX_BODY_BYTES", 1 << 20, 1_024, 64 << 20),
        e.integer("MOTORHEAD_WORKER_THREADS", 16, 1, 1_024),
        e.integer("MOTORHEAD_WORKER_QUEUE", 1_000, 0, 1_000_000),
        e.duration("MOTORHEAD_QUEUE_TIMEOUT", Duration.ofSeconds(5)),
        e.duration("MOTORHEAD_SHUTDOWN_TIMEOUT", Duration.ofSeconds(10)),
        e.duration("MOTORHEAD_REDIS_TIMEOUT", Duration.ofSeconds(2)),
        e.duration("MOTORHEAD_IDLE_TIMEOUT", Duration.ofSeconds(30)),
        e.duration("MOTORHEAD_HEADER_TIMEOUT", Duration.ofSeconds(10)),
        e.duration("MOTORHEAD_BODY_TIMEOUT", Duration.ofSeconds(30)),
        e.integer("MOTORHEAD_MAX_CONNECTIONS", 1_000, 1, 1_000_000));
  }

  /** Whether summaries (and embeddings) come from Azure OpenAI. */
  public boolean usesAzure() {
    return azureApiKey != null;
  }

  /** Whether summaries come from Anthropic's Claude ({@code ANTHROPIC_API_KEY}). */
  public boolean usesAnthropic() {
    return anthropicApiKey != null;
  }

  /**
   * Whether summaries (and embeddings) come from a model over the OpenAI API: OpenAI itself
   * ({@code OPENAI_API_KEY}), a compatible server ({@code OPENAI_API_BASE}, with or without a key,
   * e.g. a local Ollama) or Azure OpenAI; otherwise the offline ones are used.
   */
  public boolean usesOpenAi() {
    return openAiApiKey != null || openAiApiBase != null || usesAzure();
  }

  /** The Redis URL with any password masked, or {@code null}; safe to log. */
  public String redisUrlForDisplay() {
    return redisUrl == null ? null : maskPassword(redisUrl);
  }

  @Override
  public String toString() {
    return "ServerConfig{host=" + host + ", port=" + port
        + ", redisUrl=" + redisUrlForDisplay() + ", redisDriver=" + redisDriver
        + ", redisCluster=" + redisCluster
        + ", keyLayout=" + keyLayout + ", sessionTtl=" + sessionTtl + ", windowSize=" + windowSize
        + ", maxWindowTokens=" + maxWindowTokens
        + ", compaction=" + compactionMode + ", longTermMemory=" + longTermMemory
        + ", model=" + model + ", embeddingModel=" + embeddingModel
        + ", embeddingDimensions=" + embeddingDimensions
        + ", openAiApiKey=" + (openAiApiKey == null ? null : "***")
        + ", openAiApiBase=" + openAiApiBase + ", azureDeploymentId=" + azureDeploymentId
        + ", azureDeploymentIdAda=" + azureDeploymentIdAda + ", azureApiBase=" + azureApiBase
        + ", azureApiKey=" + (azureApiKey == null ? null : "***")
        + ", anthropicApiKey=" + (anthropicApiKey == null ? null : "***")
        + ", anthropicApiBase=" + anthropicApiBase + ", embeddings=" + embeddings
        + ", maxBodyBytes=" + maxBodyBytes + ", workerThreads=" + workerThreads
        + ", workerQueue=" + workerQueue + ", queueTimeout=" + queueTimeout
        + ", shutdownTimeout=" + shutdownTimeout
        + ", redisTimeout=" + redisTimeout + ", idleTimeout=" + idleTimeout
        + ", headerTimeout=" + headerTimeout + ", bodyTimeout=" + bodyTimeout
        + ", maxConnections=" + maxConnections + "}";
  }

  private static String maskPassword(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String userInfo = url.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? "" : userInfo.substring(0, colon);
    return url.substring(0, scheme + 3) + user + ":***" + url.substring(at);
  }

  /** Reads and checks single variables; every message names the variable. */
  private static final class Env {
    private final Map<String, String> env;

    Env(Map<String, String> env) {
      this.env = env;
    }

    String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    String text(String name, String fallback) {
      String value = text(name);
      return value == null ? fallback : value;
    }

    int integer(String name, int fallback, int min, int max) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      String range = max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException notAnInteger) {
        // reported below with the accepted range
      }
      throw new ConfigException(
          name + " must be an integer " + range + ", was " + Json.quoted(value));
    }

    boolean bool(String name, boolean fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true":
          return true;
        case "false":
          return false;
        default:
          throw new ConfigException(name + " must be true or false, was " + Json.quoted(value));
      }
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      for (E option : type.getEnumConstants()) {
        if (option.name().equalsIgnoreCase(value)) {
          return option;
        }
      }
      List<String> options = new ArrayList<>();
      for (E option : type.getEnumConstants()) {
        options.add(option.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException(
          name + " must be one of " + String.join(", ", options) + ", was " + Json.quoted(value));
    }

    Duration duration(String name, Duration fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      Duration d = null;
      try {
        d = value.chars().allMatch(Character::isDigit)
            ? Duration.ofSeconds(Long.parseLong(value))
            : Duration.parse(value);
      } catch (DateTimeParseException | NumberFormatException | ArithmeticException invalid) {
        // reported below
      }
      if (d == null || d.isZero() || d.isNegative()) {
        throw new ConfigException(name + " must be a positive number of seconds or an ISO-8601"
            + " duration such as PT24H, was " + Json.quoted(value));
      }
      return d;
    }

    String redisUrl(String name) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      String shown = Json.quoted(maskPassword(value));
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw new ConfigException(name + " is not a valid URL, was " + shown);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("redis") && !scheme.equals("rediss")) {
        throw new ConfigException(
            name + " must start with redis:// or rediss://, was " + shown);
      }
      if (uri.getHost() == null) {
        throw new ConfigException(name + " must name a host (redis://host:6379), was " + shown);
      }
      return value;
    }

    String httpUrl(String name) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return value;
        }
      } catch (URISyntaxException invalid) {
        // reported below
      }
      throw new ConfigException(
          name + " must be an http:// or https:// URL, was " + Json.quoted(value));
    }
  }
}
