package dev.motorhead.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownModelsTest {

  @Test
  void knowsTheContextWindowsOfCurrentAndOlderChatModels() {
    assertThat(KnownModels.contextWindow("gpt-4o-mini")).isEqualTo(128_000);
    assertThat(KnownModels.contextWindow("gpt-4o-2024-08-06")).isEqualTo(128_000);
    assertThat(KnownModels.contextWindow("gpt-4.1-nano")).isEqualTo(1_047_576);
    assertThat(KnownModels.contextWindow("gpt-4-turbo")).isEqualTo(128_000);
    assertThat(KnownModels.contextWindow("gpt-4")).isEqualTo(8_192);
    assertThat(KnownModels.contextWindow("gpt-4-0613")).isEqualTo(8_192);
    assertThat(KnownModels.contextWindow("gpt-3.5-turbo")).isEqualTo(16_385);
    assertThat(KnownModels.contextWindow("gpt-35-turbo")).isEqualTo(16_385);
    assertThat(KnownModels.contextWindow("o1")).isEqualTo(200_000);
    assertThat(KnownModels.contextWindow("o3-mini")).isEqualTo(200_000);
    assertThat(KnownModels.contextWindow("o4-mini")).isEqualTo(200_000);
    assertThat(KnownModels.contextWindow("gpt-5-mini")).isEqualTo(400_000);
  }

  @Test
  void ignoresCaseAndAProviderPrefix() {
    assertThat(KnownModels.contextWindow("openai/GPT-4o-mini")).isEqualTo(128_000);
    assertThat(KnownModels.isReasoningModel("azure/o3-mini")).isTrue();
  }

  @Test
  void assumesAConservativeWindowForUnknownModels() {
    assertThat(KnownModels.contextWindow("llama3.2")).isEqualTo(8_192);
    assertThat(KnownModels.contextWindow("omni-model")).isEqualTo(8_192);
  }

  @Test
  void tellsReasoningModelsFromClassicOnes() {
    assertThat(KnownModels.isReasoningModel("o1")).isTrue();
    assertThat(KnownModels.isReasoningModel("o4-mini")).isTrue();
    assertThat(KnownModels.isReasoningModel("gpt-5")).isTrue();
    assertThat(KnownModels.isReasoningModel("gpt-4o-mini")).isFalse();
    assertThat(KnownModels.isReasoningModel("gpt-3.5-turbo")).isFalse();
    assertThat(KnownModels.isReasoningModel("ollama-model")).isFalse();
  }

  @Test
  void knowsEmbeddingSizesAndWhichModelsTakeDimensions() {
    assertThat(KnownModels.embeddingDimensions("text-embedding-3-small")).isEqualTo(1_536);
    assertThat(KnownModels.embeddingDimensions("text-embedding-3-large")).isEqualTo(3_072);
    assertThat(KnownModels.embeddingDimensions("text-embedding-ada-002")).isEqualTo(1_536);
    assertThat(KnownModels.embeddingDimensions("nomic-embed-text")).isZero();
    assertThat(KnownModels.acceptsDimensions("text-embedding-3-large")).isTrue();
    assertThat(KnownModels.acceptsDimensions("text-embedding-ada-002")).isFalse();
  }
}
