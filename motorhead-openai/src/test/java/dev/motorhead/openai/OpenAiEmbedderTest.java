package dev.motorhead.openai;

import static dev.motorhead.openai.WireFixtures.body;
import static dev.motorhead.openai.WireFixtures.embeddings;
import static dev.motorhead.openai.WireFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.ModelException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OpenAiEmbedderTest {
  private static final String KEY = "sk-test-embed-0123456789";
  private static final OkHttpClient HTTP = new OkHttpClient();

  @StartStop
  private final MockWebServer server = new MockWebServer();

  @AfterAll
  static void closeClient() {
    HTTP.dispatcher().executorService().shutdown();
    HTTP.connectionPool().evictAll();
  }

  private OpenAiEmbedder.Builder embedder() {
    return OpenAiEmbedder.builder()
        .endpoint(OpenAiEndpoint.compatible(server.url("/v1").toString(), KEY))
        .httpClient(HTTP);
  }

  /** Vectors of the given size whose first number tells which text they belong to. */
  private static float[][] vectors(int count, int size) {
    float[][] v = new float[count][size];
    for (int i = 0; i < count; i++) {
      v[i][0] = i;
      v[i][size - 1] = 0.5f;
    }
    return v;
  }

  @Test
  void postsTheInputsToTheEmbeddingsPathWithTheModel() throws Exception {
    server.enqueue(embeddings(vectors(2, 1_536), 0, 1));
    embedder().build().embed(List.of("vegan dinner", "chickpea curry"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    JsonNode body = body(request);
    assertThat(body.path("model").asText()).isEqualTo("text-embedding-3-small");
    assertThat(body.path("input").toString()).isEqualTo("[\"vegan dinner\",\"chickpea curry\"]");
    assertThat(body.has("dimensions")).isFalse();
  }

  @Test
  void splitsTextsIntoBatchesAndKeepsTheirOrderWhateverOrderTheServerAnswersIn()
      throws Exception {
    float[][] v = vectors(5, 8);
    server.enqueue(embeddings(new float[][] {v[0], v[1]}, 1, 0));
    server.enqueue(embeddings(new float[][] {v[2], v[3]}, 1, 0));
    server.enqueue(embeddings(new float[][] {v[4]}, 0));
    List<String> texts = List.of("t0", "t1", "t2", "t3", "t4");

    List<float[]> result = embedder().model("nomic-embed-text").dimensions(8).batchSize(2).build()
        .embed(texts);

    assertThat(result).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(result.get(i)).containsExactly(v[i]);
    }
    List<String> sent = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      body(server.takeRequest()).path("input").forEach(n -> sent.add(n.asText()));
    }
    assertThat(sent).isEqualTo(texts);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void sendsDimensionsOnlyWhenSetForATextEmbedding3Model() throws Exception {
    server.enqueue(embeddings(vectors(1, 256), 0));
    server.enqueue(embeddings(vectors(1, 768), 0));
    OpenAiEmbedder small = embedder().dimensions(256).build();
    small.embed(List.of("a"));
    embedder().model("nomic-embed-text").dimensions(768).build().embed(List.of("a"));

    assertThat(small.dimensions()).isEqualTo(256);
    assertThat(body(server.takeRequest()).path("dimensions").asInt()).isEqualTo(256);
    assertThat(body(server.takeRequest()).has("dimensions")).isFalse();
  }

  @Test
  void reportsEachKnownModelsNativeDimensions() {
    assertThat(embedder().build().dimensions()).isEqualTo(1_536);
    assertThat(embedder().model("text-embedding-3-large").build().dimensions()).isEqualTo(3_072);
    assertThat(embedder().model("text-embedding-ada-002").build().dimensions()).isEqualTo(1_536);
    assertThat(embedder().batchSize(100).build().maxBatchSize()).isEqualTo(100);
    assertThat(embedder().build().maxBatchSize()).isEqualTo(64);
  }

  @Test
  void adaAcceptsItsOwnSizeButNoOther() throws Exception {
    server.enqueue(embeddings(vectors(1, 1_536), 0));
    embedder().model("text-embedding-ada-002").dimensions(1_536).build().embed(List.of("a"));

    assertThat(body(server.takeRequest()).has("dimensions")).isFalse();
    assertThatThrownBy(() -> embedder().model("text-embedding-ada-002").dimensions(512).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions cannot be chosen for text-embedding-ada-002, which always "
            + "returns 1536, was 512");
  }

  @Test
  void buildRefusesAnUnknownModelWithoutDimensionsOrTooManyDimensions() {
    assertThatThrownBy(() -> embedder().model("nomic-embed-text").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions must be set for model \"nomic-embed-text\", whose vector size "
            + "is not known");
    assertThatThrownBy(() -> embedder().dimensions(2_000).build())
        .hasMessage("dimensions must be <= 1536 for text-embedding-3-small, was 2000");
    assertThatThrownBy(() -> embedder().batchSize(0))
        .hasMessage("batchSize must be between 1 and 2048, was 0");
    assertThatThrownBy(() -> embedder().dimensions(0)).hasMessage("dimensions must be >= 1, was 0");
    assertThatThrownBy(() -> embedder().deployment("d").build())
        .hasMessageStartingWith("deployment is only for Azure endpoints");
  }

  @Test
  void callsTheAzureEmbeddingsDeployment() throws Exception {
    server.enqueue(embeddings(vectors(1, 1_536), 0));
    OpenAiEmbedder.builder()
        .endpoint(OpenAiEndpoint.azure(server.url("/").toString(), KEY))
        .deployment("embed-small").httpClient(HTTP).build()
        .embed(List.of("hello"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/openai/deployments/embed-small/embeddings");
    assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
    assertThat(request.getHeaders().get("api-key")).isEqualTo(KEY);
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void anEmptyTextIsSentAsASpaceSoTheBatchIsNotRefused() throws Exception {
    server.enqueue(embeddings(vectors(2, 4), 0, 1));
    embedder().model("m").dimensions(4).build().embed(List.of("", "hi"));

    assertThat(body(server.takeRequest()).path("input").toString()).isEqualTo("[\" \",\"hi\"]");
  }

  @Test
  void embeddingNothingMakesNoRequest() {
    assertThat(embedder().build().embed(List.of())).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNullTextIsABadArgument() {
    List<String> texts = new ArrayList<>(List.of("a"));
    texts.add(null);

    assertThatThrownBy(() -> embedder().build().embed(texts))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("texts[1] must not be null");
  }

  @Test
  void tooFewVectorsIsAClearError() {
    server.enqueue(embeddings(vectors(1, 1_536), 0));

    assertThatThrownBy(() -> embedder().build().embed(List.of("a", "b")))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("text-embedding-3-small")
        .hasMessageContaining("1 vectors for 2 inputs");
  }

  @Test
  void aVectorOfTheWrongSizeIsAClearError() {
    server.enqueue(embeddings(vectors(1, 768), 0));

    assertThatThrownBy(() -> embedder().build().embed(List.of("a")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("a vector of 768 numbers at index 0 where 1536 were expected");
  }

  @Test
  void aRepeatedIndexIsAClearError() {
    server.enqueue(embeddings(vectors(2, 4), 1, 1));

    assertThatThrownBy(() -> embedder().model("m").dimensions(4).build().embed(List.of("a", "b")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("a vector with index 1 for a batch of 2 inputs");
  }

  @Test
  void anAnswerWithoutDataIsAClearError() {
    server.enqueue(json(200, "{\"object\":\"list\"}"));

    assertThatThrownBy(() -> embedder().build().embed(List.of("a")))
        .isInstanceOf(ModelException.class).hasMessageContaining("without a data array");
  }

  @Test
  void toStringShowsTheSettingsButNotTheKey() {
    assertThat(embedder().build().toString())
        .contains("text-embedding-3-small", "dimensions=1536", "batchSize=64", "[redacted]")
        .doesNotContain(KEY);
  }
}
