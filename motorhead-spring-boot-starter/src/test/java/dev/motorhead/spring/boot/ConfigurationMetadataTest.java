package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The IDE metadata the configuration processor writes lists every property, described. */
class ConfigurationMetadataTest {

  @Test
  void everyMotorheadPropertyHasADescriptionForIdeCompletion() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      metadata = JsonMapper.builder().build().readTree(in);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode p : metadata.path("properties").values()) {
      names.add(p.path("name").asString());
      assertThat(p.path("description").asString()).as(p.path("name").asString()).isNotBlank();
    }

    assertThat(names).contains(
        "motorhead.window-size", "motorhead.max-window-tokens", "motorhead.compaction",
        "motorhead.session-ttl", "motorhead.key-prefix", "motorhead.store",
        "motorhead.redis.url", "motorhead.redis.cluster", "motorhead.redis.command-timeout",
        "motorhead.redis.connect-timeout", "motorhead.redis.max-reconnect-delay",
        "motorhead.summarizer.type", "motorhead.summarizer.chat-model",
        "motorhead.summarizer.model", "motorhead.summarizer.max-summary-tokens",
        "motorhead.summarizer.input-token-budget", "motorhead.chat-memory.summary-role",
        "motorhead.chat-memory.summary-prefix", "motorhead.long-term-memory.enabled",
        "motorhead.long-term-memory.embedding-model");
  }
}
