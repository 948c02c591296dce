package dev.motorhead.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiEndpointTest {
  private static final String KEY = "sk-proj-abcdef0123456789";

  private static Request authorized(OpenAiEndpoint endpoint) {
    return endpoint.authorize(new Request.Builder().url("http://localhost/")).build();
  }

  @Test
  void openAiUsesItsV1BaseUrlAndABearerKey() {
    OpenAiEndpoint endpoint = OpenAiEndpoint.openAi(KEY);

    assertThat(endpoint.url("chat/completions", "ignored").toString())
        .isEqualTo("https://api.openai.com/v1/chat/completions");
    assertThat(endpoint.url("embeddings", "ignored").toString())
        .isEqualTo("https://api.openai.com/v1/embeddings");
    assertThat(authorized(endpoint).header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(authorized(endpoint).header("api-key")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:11434/v1", "http://localhost:11434/v1/",
      " http://localhost:11434/v1 "})
  void compatibleBaseUrlsWorkWithAndWithoutATrailingSlash(String base) {
    OpenAiEndpoint endpoint = OpenAiEndpoint.compatible(base);

    assertThat(endpoint.url("chat/completions", "x").toString())
        .isEqualTo("http://localhost:11434/v1/chat/completions");
    assertThat(endpoint.url("embeddings", "x").toString())
        .isEqualTo("http://localhost:11434/v1/embeddings");
  }

  @Test
  void aKeylessCompatibleEndpointSendsNoCredentials() {
    Request request = authorized(OpenAiEndpoint.compatible("http://vllm:8000/v1"));

    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("api-key")).isNull();
  }

  @Test
  void aCompatibleEndpointWithAKeySendsItAsBearer() {
    Request request = authorized(OpenAiEndpoint.compatible("http://litellm:4000", KEY));

    assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://my-res.openai.azure.com", "https://my-res.openai.azure.com/"})
  void azureUrlsNameTheDeploymentAndTheApiVersion(String resource) {
    OpenAiEndpoint endpoint = OpenAiEndpoint.azure(resource, KEY, "2024-06-01");

    assertThat(endpoint.url("chat/completions", "chat-dep").toString()).isEqualTo(
        "https://my-res.openai.azure.com/openai/deployments/chat-dep/chat/completions"
            + "?api-version=2024-06-01");
    assertThat(endpoint.url("embeddings", "embed-dep").toString()).isEqualTo(
        "https://my-res.openai.azure.com/openai/deployments/embed-dep/embeddings"
            + "?api-version=2024-06-01");
  }

  @Test
  void azureSendsTheKeyInTheApiKeyHeaderAndNoBearer() {
    Request request = authorized(OpenAiEndpoint.azure("https://r.openai.azure.com", KEY));

    assertThat(request.header("api-key")).isEqualTo(KEY);
    assertThat(request.header("Authorization")).isNull();
  }

  @Test
  void azureDeploymentIdsAreEscapedAsOnePathSegment() {
    OpenAiEndpoint endpoint = OpenAiEndpoint.azure("https://r.openai.azure.com", KEY);

    assertThat(endpoint.url("embeddings", "a/b c").encodedPath())
        .isEqualTo("/openai/deployments/a%2Fb%20c/embeddings");
  }

  @Test
  void toStringNeverShowsTheKey() {
    assertThat(OpenAiEndpoint.openAi(KEY).toString())
        .isEqualTo("OpenAiEndpoint{OpenAI, baseUrl=https://api.openai.com/v1, apiKey=[redacted]}")
        .doesNotContain(KEY);
    assertThat(OpenAiEndpoint.azure("https://r.openai.azure.com", KEY).toString())
        .contains("apiVersion=2024-10-21", "apiKey=[redacted]")
        .doesNotContain(KEY);
    assertThat(OpenAiEndpoint.compatible("http://localhost:11434/v1").toString())
        .contains("apiKey=none");
  }

  @Test
  void redactReplacesEveryOccurrenceOfTheKey() {
    assertThat(OpenAiEndpoint.openAi(KEY).redact("bad key " + KEY + " (" + KEY + ")"))
        .isEqualTo("bad key [redacted] ([redacted])");
    assertThat(OpenAiEndpoint.compatible("http://x/").redact("nothing to hide"))
        .isEqualTo("nothing to hide");
  }

  @Test
  void aKeyThatCannotBeSentInAHeaderIsRefusedWithoutShowingIt() {
    String bad = "sk-secret-with\nnewline";

    assertThatThrownBy(() -> OpenAiEndpoint.azure("https://r.openai.azure.com", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey must hold only visible ASCII characters")
        .hasMessageNotContaining("sk-secret");
    assertThatThrownBy(() -> OpenAiEndpoint.openAi(" sk-secret "))
        .hasMessageNotContaining("sk-secret");
  }

  @Test
  void factoriesNameTheBadArgument() {
    assertThatThrownBy(() -> OpenAiEndpoint.openAi(null)).hasMessage("apiKey must not be null");
    assertThatThrownBy(() -> OpenAiEndpoint.openAi("")).hasMessage("apiKey must not be blank, was \"\"");
    assertThatThrownBy(() -> OpenAiEndpoint.compatible("localhost:11434"))
        .hasMessage("baseUrl must be an http or https URL, was \"localhost:11434\"");
    assertThatThrownBy(() -> OpenAiEndpoint.azure("ftp://r", KEY))
        .hasMessageStartingWith("resourceBaseUrl must be an http or https URL");
    assertThatThrownBy(() -> OpenAiEndpoint.azure("https://r", KEY, " "))
        .hasMessageStartingWith("apiVersion must not be blank");
    assertThatThrownBy(() -> OpenAiEndpoint.compatible("http://user:pw@host/v1", KEY))
        .hasMessageStartingWith("baseUrl must hold no credentials");
  }

  @Test
  void environmentGivesOpenAiOrACompatibleBaseLikeMotorhead() {
    assertThat(OpenAiEndpoint.fromEnvironment(Map.of("OPENAI_API_KEY", KEY))
        .url("embeddings", "x").toString()).isEqualTo("https://api.openai.com/v1/embeddings");

    OpenAiEndpoint local = OpenAiEndpoint.fromEnvironment(
        Map.of("OPENAI_API_KEY", "", "OPENAI_API_BASE", "http://localhost:11434/v1/"));
    assertThat(local.url("chat/completions", "x").toString())
        .isEqualTo("http://localhost:11434/v1/chat/completions");
    assertThat(authorized(local).header("Authorization")).isNull();

    OpenAiEndpoint proxy = OpenAiEndpoint.fromEnvironment(
        Map.of("OPENAI_API_KEY", KEY, "OPENAI_API_BASE", "http://litellm:4000"));
    assertThat(authorized(proxy).header("Authorization")).isEqualTo("Bearer " + KEY);

    assertThatThrownBy(() -> OpenAiEndpoint.fromEnvironment(Map.of()))
        .hasMessageStartingWith("OPENAI_API_KEY must be set");
  }
}
