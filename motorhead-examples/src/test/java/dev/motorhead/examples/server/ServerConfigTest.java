package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.motorhead.CompactionMode;
import dev.motorhead.examples.server.ServerConfig.KeyLayout;
import dev.motorhead.examples.server.ServerConfig.RedisDriver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

  @Test
  void withNothingSetItRunsInMemoryOfflineWithAWindowOf12OnPort8080() {
    ServerConfig config = ServerConfig.defaults();

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.redisUrl()).isNull();
    assertThat(config.windowSize()).isEqualTo(12);
    assertThat(config.longTermMemory()).isFalse();
    assertThat(config.usesOpenAi()).isFalse();
    assertThat(config.compactionMode()).isEqualTo(CompactionMode.ASYNC);
    assertThat(config.redisDriver()).isEqualTo(RedisDriver.LETTUCE);
    assertThat(config.keyLayout()).isEqualTo(KeyLayout.NATIVE);
    assertThat(config.sessionTtl()).isNull();
    assertThat(config.maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(config.workerThreads()).isEqualTo(16);
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void motorheadsOwnVariablesAndOurAdditionsAreRead() {
    ServerConfig config = ServerConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", "9000"),
        Map.entry("REDIS_URL", "rediss://default:s3cret@redis.example:6380/0"),
        Map.entry("MOTORHEAD_MAX_WINDOW_SIZE", "20"),
        Map.entry("MOTORHEAD_LONG_TERM_MEMORY", "TRUE"),
        Map.entry("MOTORHEAD_MODEL", "gpt-4o-mini"),
        Map.entry("OPENAI_API_KEY", "sk-test-123"),
        Map.entry("OPENAI_API_BASE", "http://localhost:11434/v1"),
        Map.entry("MOTORHEAD_REDIS_DRIVER", "jedis"),
        Map.entry("MOTORHEAD_KEY_LAYOUT", "motorhead"),
        Map.entry("MOTORHEAD_SESSION_TTL", "PT24H"),
        Map.entry("MOTORHEAD_COMPACTION", "SYNC"),
        Map.entry("MOTORHEAD_MAX_BODY_BYTES", "4096"),
        Map.entry("MOTORHEAD_WORKER_THREADS", "4"),
        Map.entry("MOTORHEAD_WORKER_QUEUE", "0"),
        Map.entry("MOTORHEAD_SHUTDOWN_TIMEOUT", "3")));

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.redisUrl()).isEqualTo("rediss://default:s3cret@redis.example:6380/0");
    assertThat(config.windowSize()).isEqualTo(20);
    assertThat(config.longTermMemory()).isTrue();
    assertThat(config.model()).isEqualTo("gpt-4o-mini");
    assertThat(config.openAiApiKey()).isEqualTo("sk-test-123");
    assertThat(config.openAiApiBase()).isEqualTo("http://localhost:11434/v1");
    assertThat(config.usesOpenAi()).isTrue();
    assertThat(config.usesAzure()).isFalse();
    assertThat(config.redisDriver()).isEqualTo(RedisDriver.JEDIS);
    assertThat(config.keyLayout()).isEqualTo(KeyLayout.MOTORHEAD);
    assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(config.compactionMode()).isEqualTo(CompactionMode.SYNC);
    assertThat(config.maxBodyBytes()).isEqualTo(4096);
    assertThat(config.workerThreads()).isEqualTo(4);
    assertThat(config.workerQueue()).isZero();
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void itsTextNeverShowsAnApiKeyOrARedisPassword() {
    ServerConfig config = ServerConfig.fromEnv(Map.of(
        "REDIS_URL", "redis://user:hunter2@localhost:6379",
        "OPENAI_API_KEY", "sk-live-abcdef",
        "AZURE_API_KEY", "azure-secret", "AZURE_API_BASE", "https://x.openai.azure.com",
        "AZURE_DEPLOYMENT_ID", "gpt4"));

    assertThat(config.toString()).doesNotContain("hunter2", "sk-live-abcdef", "azure-secret")
        .contains("redis://user:***@localhost:6379");
    assertThat(config.usesAzure()).isTrue();
  }

  @Test
  void anEmptyOrBlankVariableCountsAsUnset() {
    ServerConfig config = ServerConfig.fromEnv(
        Map.of("PORT", "", "OPENAI_API_KEY", "  ", "REDIS_URL", ""));

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.usesOpenAi()).isFalse();
    assertThat(config.redisUrl()).isNull();
  }

  @Test
  void embeddingsAreLexicalWithoutAModelOpenAiWithOneAndLocalWhenAskedFor() {
    assertThat(ServerConfig.defaults().embeddings()).isEqualTo(ServerConfig.Embeddings.LEXICAL);
    assertThat(ServerConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-x")).embeddings())
        .isEqualTo(ServerConfig.Embeddings.OPENAI);
    assertThat(ServerConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-x",
        "MOTORHEAD_EMBEDDINGS", "local")).embeddings()).isEqualTo(ServerConfig.Embeddings.LOCAL);
  }

  @Test
  void anAnthropicKeySummarizesWithClaudeAndIsNeverShown() {
    ServerConfig config = ServerConfig.fromEnv(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret"));

    assertThat(config.usesAnthropic()).isTrue();
    assertThat(config.usesOpenAi()).isFalse();
    assertThat(config.embeddings()).isEqualTo(ServerConfig.Embeddings.LEXICAL);
    assertThat(config.toString()).doesNotContain("sk-ant-secret").contains("anthropicApiKey=***");
  }

  @Test
  void aSessionTtlMayBeGivenInSeconds() {
    assertThat(ServerConfig.fromEnv(Map.of("MOTORHEAD_SESSION_TTL", "3600")).sessionTtl())
        .isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "PORT                       | http  | PORT must be an integer between 0 and 65535, was \"http\"",
      "PORT                       | 70000 | PORT must be an integer between 0 and 65535, was \"70000\"",
      "MOTORHEAD_MAX_WINDOW_SIZE  | abc   | MOTORHEAD_MAX_WINDOW_SIZE must be an integer >= 2, was \"abc\"",
      "MOTORHEAD_MAX_WINDOW_SIZE  | 1     | MOTORHEAD_MAX_WINDOW_SIZE must be an integer >= 2, was \"1\"",
      "MOTORHEAD_LONG_TERM_MEMORY | yes   | MOTORHEAD_LONG_TERM_MEMORY must be true or false, was \"yes\"",
      "MOTORHEAD_REDIS_DRIVER     | redisson | MOTORHEAD_REDIS_DRIVER must be one of lettuce, jedis, was \"redisson\"",
      "MOTORHEAD_KEY_LAYOUT       | flat  | MOTORHEAD_KEY_LAYOUT must be one of native, motorhead, was \"flat\"",
      "MOTORHEAD_COMPACTION       | later | MOTORHEAD_COMPACTION must be one of async, sync, was \"later\"",
      "MOTORHEAD_SESSION_TTL      | 1 day | MOTORHEAD_SESSION_TTL must be a positive number of seconds or an ISO-8601 duration such as PT24H, was \"1 day\"",
      "MOTORHEAD_SESSION_TTL      | 0     | MOTORHEAD_SESSION_TTL must be a positive number of seconds or an ISO-8601 duration such as PT24H, was \"0\"",
      "MOTORHEAD_MAX_BODY_BYTES   | 10    | MOTORHEAD_MAX_BODY_BYTES must be an integer between 1024 and 67108864, was \"10\"",
      "MOTORHEAD_WORKER_THREADS   | 0     | MOTORHEAD_WORKER_THREADS must be an integer between 1 and 1024, was \"0\"",
      "MOTORHEAD_WORKER_QUEUE     | -1    | MOTORHEAD_WORKER_QUEUE must be an integer between 0 and 1000000, was \"-1\"",
      "MOTORHEAD_SHUTDOWN_TIMEOUT | soon  | MOTORHEAD_SHUTDOWN_TIMEOUT must be a positive number of seconds or an ISO-8601 duration such as PT24H, was \"soon\"",
      "REDIS_URL                  | localhost:6379 | REDIS_URL must start with redis:// or rediss://, was \"localhost:6379\"",
      "REDIS_URL                  | http://localhost:6379 | REDIS_URL must start with redis:// or rediss://, was \"http://localhost:6379\"",
      "OPENAI_API_BASE            | api.openai.com | OPENAI_API_BASE must be an http:// or https:// URL, was \"api.openai.com\"",
      "MOTORHEAD_MAX_WINDOW_TOKENS | 0    | MOTORHEAD_MAX_WINDOW_TOKENS must be an integer >= 1, was \"0\"",
      "MOTORHEAD_MAX_CONNECTIONS   | none | MOTORHEAD_MAX_CONNECTIONS must be an integer between 1 and 1000000, was \"none\"",
      "MOTORHEAD_REDIS_TIMEOUT     | -1   | MOTORHEAD_REDIS_TIMEOUT must be a positive number of seconds or an ISO-8601 duration such as PT24H, was \"-1\"",
      "MOTORHEAD_HEADER_TIMEOUT    | PT0S | MOTORHEAD_HEADER_TIMEOUT must be a positive number of seconds or an ISO-8601 duration such as PT24H, was \"PT0S\"",
      "SUMMARIZER_API_BASE         | ollama:11434 | SUMMARIZER_API_BASE must be an http:// or https:// URL, was \"ollama:11434\"",
      "MOTORHEAD_EMBEDDINGS        | bert | MOTORHEAD_EMBEDDINGS must be one of lexical, local, openai, was \"bert\"",
      "MOTORHEAD_EMBEDDINGS        | openai | MOTORHEAD_EMBEDDINGS=openai needs OPENAI_API_KEY, OPENAI_API_BASE or the AZURE_* settings",
      "ANTHROPIC_API_BASE          | http://localhost:1/v1/ | ANTHROPIC_API_BASE is set but ANTHROPIC_API_KEY is not: Claude summaries need the key",
  })
  void anInvalidValueIsRejectedWithAMessageNamingTheVariable(String name, String value,
      String message) {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void aBadRedisUrlIsReportedWithoutItsPassword() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("REDIS_URL", "tcp://u:pw123@host:1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REDIS_URL must start with redis://")
        .hasMessageNotContaining("pw123");
  }

  @Test
  void azureNeedsItsKeyBaseAndDeploymentTogether() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("AZURE_DEPLOYMENT_ID", "gpt4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("AZURE_API_KEY, AZURE_API_BASE are not set");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("AZURE_API_KEY", "k",
        "AZURE_API_BASE", "https://x.openai.azure.com", "AZURE_DEPLOYMENT_ID", "gpt4",
        "MOTORHEAD_LONG_TERM_MEMORY", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("AZURE_DEPLOYMENT_ID_ADA is not set");
  }

  @Test
  void aRedisClusterNeedsRedisAndTheNativeLayout() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("MOTORHEAD_REDIS_CLUSTER", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MOTORHEAD_REDIS_CLUSTER=true needs REDIS_URL");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("REDIS_URL", "redis://node:7000",
        "MOTORHEAD_REDIS_CLUSTER", "true", "MOTORHEAD_KEY_LAYOUT", "motorhead")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MOTORHEAD_KEY_LAYOUT=motorhead works on a standalone Redis only");
    assertThat(ServerConfig.fromEnv(Map.of("REDIS_URL", "redis://node:7000",
        "MOTORHEAD_REDIS_CLUSTER", "true")).redisCluster()).isTrue();
  }

  @Test
  void theMotorheadKeyLayoutNeedsRedis() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("MOTORHEAD_KEY_LAYOUT", "motorhead")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MOTORHEAD_KEY_LAYOUT=motorhead needs REDIS_URL");
  }

  @Test
  void theProductionSettingsHaveSensibleDefaults() {
    ServerConfig config = ServerConfig.defaults();

    assertThat(config.maxWindowTokens()).as("no token budget").isZero();
    assertThat(config.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.queueTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxConnections()).isEqualTo(1_000);
    assertThat(config.workerQueue()).isEqualTo(1_000);
  }

  @Test
  void theProductionSettingsAreRead() {
    ServerConfig config = ServerConfig.fromEnv(Map.of(
        "MOTORHEAD_MAX_WINDOW_TOKENS", "1000",
        "MOTORHEAD_REDIS_TIMEOUT", "PT0.5S",
        "MOTORHEAD_IDLE_TIMEOUT", "5",
        "MOTORHEAD_HEADER_TIMEOUT", "PT2S",
        "MOTORHEAD_BODY_TIMEOUT", "PT3S",
        "MOTORHEAD_QUEUE_TIMEOUT", "PT1S",
        "MOTORHEAD_MAX_CONNECTIONS", "64"));

    assertThat(config.maxWindowTokens()).isEqualTo(1_000);
    assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.bodyTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.queueTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.maxConnections()).isEqualTo(64);
  }

  @Test
  void summarizerApiBaseIsAnAliasOfOpenAiApiBase() {
    ServerConfig alias = ServerConfig.fromEnv(
        Map.of("SUMMARIZER_API_BASE", "http://localhost:11434/v1"));
    ServerConfig both = ServerConfig.fromEnv(Map.of(
        "SUMMARIZER_API_BASE", "http://localhost:11434/v1",
        "OPENAI_API_BASE", "http://localhost:11434/v1"));

    assertThat(alias.openAiApiBase()).isEqualTo("http://localhost:11434/v1");
    assertThat(alias.usesOpenAi()).isTrue();
    assertThat(both.openAiApiBase()).isEqualTo("http://localhost:11434/v1");
  }

  @Test
  void summarizerApiBaseAndOpenAiApiBaseMayNotDiffer() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of(
        "SUMMARIZER_API_BASE", "http://localhost:11434/v1",
        "OPENAI_API_BASE", "https://api.openai.com/v1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("OPENAI_API_BASE and SUMMARIZER_API_BASE name the same setting and differ"
            + " (\"https://api.openai.com/v1\", \"http://localhost:11434/v1\"): set one of them");
  }
}
