package dev.motorhead.openai;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final OpenAiEndpoint ENDPOINT = OpenAiEndpoint.compatible("http://localhost:1/v1");

  @Test
  void closeShutsDownTheClientTheSummarizerMade() {
    OpenAiSummarizer summarizer = OpenAiSummarizer.builder().endpoint(ENDPOINT).build();
    OkHttpClient made = summarizer.transport().client();

    summarizer.close();

    assertThat(made.dispatcher().executorService().isShutdown()).isTrue();
  }

  @Test
  void closeLeavesTheCallersClientOpen() {
    OkHttpClient mine = new OkHttpClient();
    try (OpenAiSummarizer summarizer =
            OpenAiSummarizer.builder().endpoint(ENDPOINT).httpClient(mine).build();
        OpenAiEmbedder embedder =
            OpenAiEmbedder.builder().endpoint(ENDPOINT).httpClient(mine).build()) {
      assertThat(summarizer.transport().client().dispatcher()).isSameAs(mine.dispatcher());
      assertThat(summarizer.transport().client().connectionPool())
          .isSameAs(mine.connectionPool());
      assertThat(embedder.transport().client().dispatcher()).isSameAs(mine.dispatcher());
    }

    assertThat(mine.dispatcher().executorService().isShutdown()).isFalse();
    mine.dispatcher().executorService().shutdown();
  }

  @Test
  void closeShutsDownTheClientTheEmbedderMade() {
    OpenAiEmbedder embedder = OpenAiEmbedder.builder().endpoint(ENDPOINT).build();
    OkHttpClient made = embedder.transport().client();

    embedder.close();

    assertThat(made.dispatcher().executorService().isShutdown()).isTrue();
  }

  @Test
  void theClientMadeByDefaultHasBoundedTimeouts() {
    OkHttpClient made = OpenAiTransport.defaultClient();

    assertThat(made.connectTimeoutMillis()).isEqualTo(10_000);
    assertThat(made.readTimeoutMillis()).isEqualTo(60_000);
    assertThat(made.callTimeoutMillis()).isEqualTo(90_000);
    made.dispatcher().executorService().shutdown();
  }
}
