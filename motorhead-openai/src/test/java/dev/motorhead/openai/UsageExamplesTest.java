package dev.motorhead.openai;

import static dev.motorhead.openai.WireFixtures.chat;
import static dev.motorhead.openai.WireFixtures.embeddings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import dev.motorhead.summarize.Summary;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The usage examples of the public types' Javadoc, run as written except that the endpoint is a
 * local MockWebServer instead of OpenAI.
 */
class UsageExamplesTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  private OpenAiEndpoint local() {
    return OpenAiEndpoint.compatible(server.url("/v1").toString(), "sk-example");
  }

  @Test
  void summarizerExample() {
    server.enqueue(chat("Ada eats only vegan food; the assistant will suggest vegan recipes.", 90));

    Summary s;
    try (OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(local())
        .model("gpt-4o-mini")
        .maxSummaryTokens(512)
        .build()) {
      s = summarizer.summarize("", List.of(
          Message.of("user", "I'm Ada and I only eat vegan food."),
          Message.of("assistant", "Noted, Ada: vegan recipes only.")));
    }

    assertThat(s.text()).startsWith("Ada eats only vegan food");
    assertThat(s.tokensUsed()).isEqualTo(90);
  }

  @Test
  void embedderExample() {
    server.enqueue(embeddings(new float[][] {new float[1_536], new float[1_536]}, 0, 1));

    List<float[]> vectors;
    try (OpenAiEmbedder embedder = OpenAiEmbedder.builder()
        .endpoint(local())
        .model("text-embedding-3-small")
        .build()) {
      vectors = embedder.embed(List.of("vegan dinner", "chickpea curry"));
    }

    assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(1_536));
  }

  @Test
  void endpointExamples() {
    OpenAiEndpoint openAi = OpenAiEndpoint.openAi("sk-example");
    OpenAiEndpoint ollama = OpenAiEndpoint.compatible("http://localhost:11434/v1");
    OpenAiEndpoint azure = OpenAiEndpoint.azure(
        "https://my-resource.openai.azure.com", "azure-example-key");

    assertThat(openAi.url("chat/completions", "").toString())
        .isEqualTo("https://api.openai.com/v1/chat/completions");
    assertThat(ollama.url("embeddings", "").toString())
        .isEqualTo("http://localhost:11434/v1/embeddings");
    assertThat(azure.url("chat/completions", "gpt-4o-mini").toString()).isEqualTo(
        "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
            + "?api-version=2024-10-21");
  }
}
