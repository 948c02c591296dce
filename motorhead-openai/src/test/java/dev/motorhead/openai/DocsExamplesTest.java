package dev.motorhead.openai;

import static dev.motorhead.openai.WireFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.CompactionMode;
import dev.motorhead.longterm.LongTermMemory;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/openai.md as written (the docs check finds each one here), run with
 * a local MockWebServer where they would reach OpenAI.
 */
class DocsExamplesTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  @Test
  void openAi() {
    server.enqueue(chat("The user wants a vegan dinner.", 42));

    Memory memory = openAi(server.url("/v1").toString(), "sk-example");

    assertThat(memory.summary()).hasValue("The user wants a vegan dinner.");
    assertThat(memory.summarizerTokensUsed()).isEqualTo(42);
  }

  private static Memory openAi(String base, String key) {
    // docs: openai
    OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(OpenAiEndpoint.compatible(base, key))   // or .apiKey(key) for api.openai.com
        .model("gpt-4o-mini")                             // the default
        .maxSummaryTokens(512)
        .build();
    try (summarizer;
         MemoryClient client = MemoryClient.builder()
             .summarizer(summarizer)
             .windowSize(4)
             .compactionMode(CompactionMode.SYNC)
             .build()) {
      SessionMemory session = client.session("user-42");
      session.add(Message.of("Human", "I want a vegan dinner."), Message.of("AI", "Curry?"),
                  Message.of("Human", "Yes, with rice."), Message.of("AI", "Great."),
                  Message.of("Human", "For four people."));
      return session.memory();  // summary(): the model's; summarizerTokensUsed(): the tokens it used
    }
    // end
  }

  @Test
  void compatibleServers() {
    // docs: compatible
    // Ollama: no key, so no Authorization header is sent
    OpenAiEndpoint ollama = OpenAiEndpoint.compatible("http://localhost:11434/v1");
    OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(ollama)
        .model("llama3.2")
        .contextWindow(32_768)          // unknown models are assumed to have 8,192 tokens
        .build();
    OpenAiEmbedder embedder = OpenAiEmbedder.builder()
        .endpoint(ollama)
        .model("nomic-embed-text")
        .dimensions(768)                // required for models the library does not know
        .build();

    // vLLM or a LiteLLM proxy with a key: sent as "Authorization: Bearer <key>"
    OpenAiEndpoint litellm = OpenAiEndpoint.compatible("http://litellm:4000/v1", "sk-litellm");
    // end
    assertThat(embedder.dimensions()).isEqualTo(768);
    assertThat(summarizer.inputTokenBudget()).isPositive();
    assertThat(litellm.url("embeddings", "").toString())
        .isEqualTo("http://litellm:4000/v1/embeddings");
    summarizer.close();
    embedder.close();
  }

  @Test
  void azure() {
    // docs: azure
    OpenAiEndpoint azure = OpenAiEndpoint.azure(
        "https://my-resource.openai.azure.com",
        "azure-example-key",
        "2024-10-21");                                   // optional; this is the default

    OpenAiSummarizer summarizer = OpenAiSummarizer.builder()
        .endpoint(azure)
        .model("gpt-4o-mini")            // picks the context window and request parameters
        .deployment("summaries-4o-mini") // chat deployment id; defaults to the model name
        .build();
    OpenAiEmbedder embedder = OpenAiEmbedder.builder()
        .endpoint(azure)
        .deployment("embeddings-3-small") // embeddings deployment id
        .build();
    // end
    assertThat(azure.url("chat/completions", "summaries-4o-mini").toString()).isEqualTo(
        "https://my-resource.openai.azure.com/openai/deployments/summaries-4o-mini/"
            + "chat/completions?api-version=2024-10-21");
    summarizer.close();
    embedder.close();
  }

  @Test
  void longTermMemoryByMeaning() {
    String apiKey = "sk-example";
    // docs: long-term memory
    LongTermMemory longTerm = LongTermMemory.builder()
        .embedder(OpenAiEmbedder.builder().endpoint(OpenAiEndpoint.openAi(apiKey)).build())
        .build();
    // end
    assertThat(longTerm.isEnabled()).isTrue();
    longTerm.close();
  }
}
