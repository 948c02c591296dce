package dev.motorhead.openai;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.shown;

import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Where the OpenAI wire format is spoken and how to authenticate there: OpenAI itself, any
 * OpenAI-compatible server (Ollama, vLLM, LiteLLM, LM Studio), or an Azure OpenAI resource. One
 * endpoint can be shared by an {@link OpenAiSummarizer} and an {@link OpenAiEmbedder}.
 *
 * <table>
 *   <caption>URLs and headers per kind of endpoint</caption>
 *   <tr><th>factory</th><th>chat URL</th><th>embeddings URL</th><th>auth header</th></tr>
 *   <tr><td>{@link #openAi}</td><td>{@code https://api.openai.com/v1/chat/completions}</td>
 *       <td>{@code https://api.openai.com/v1/embeddings}</td>
 *       <td>{@code Authorization: Bearer <key>}</td></tr>
 *   <tr><td>{@link #compatible}</td><td>{@code {base}/chat/completions}</td>
 *       <td>{@code {base}/embeddings}</td>
 *       <td>{@code Authorization: Bearer <key>}, none without a key</td></tr>
 *   <tr><td>{@link #azure}</td>
 *       <td>{@code {resource}/openai/deployments/{deployment}/chat/completions
 *       ?api-version={v}}</td>
 *       <td>{@code {resource}/openai/deployments/{deployment}/embeddings?api-version={v}}</td>
 *       <td>{@code api-key: <key>}</td></tr>
 * </table>
 *
 * <p>A base URL works with or without a trailing slash. On Azure the deployment ids are set on
 * each builder ({@link OpenAiSummarizer.Builder#deployment}, {@link
 * OpenAiEmbedder.Builder#deployment}); they default to the model name.
 *
 * <p>The API key is kept only to be sent in the header: it never appears in {@link #toString()},
 * in an exception message, or in a log line, and text a server sends back is scrubbed of it
 * before it is shown.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * OpenAiEndpoint openAi = OpenAiEndpoint.openAi(System.getenv("OPENAI_API_KEY"));
 * OpenAiEndpoint ollama = OpenAiEndpoint.compatible("http://localhost:11434/v1");
 * OpenAiEndpoint azure = OpenAiEndpoint.azure(
 *     "https://my-resource.openai.azure.com", System.getenv("AZURE_OPENAI_API_KEY"));
 * }</pre>
 */
public final class OpenAiEndpoint {
  /** The base URL of OpenAI's API. */
  public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

  /** The Azure OpenAI {@code api-version} used when none is given: the GA version 2024-10-21. */
  public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

  private static final String REDACTED = "[redacted]";

  private enum Kind {
    OPENAI("OpenAI"),
    COMPATIBLE("OpenAI-compatible endpoint"),
    AZURE("Azure OpenAI");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private final Kind kind;
  private final HttpUrl baseUrl;
  private final String apiKey; // null: send no credentials
  private final String apiVersion; // Azure only

  private OpenAiEndpoint(Kind kind, HttpUrl baseUrl, String apiKey, String apiVersion) {
    this.kind = kind;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.apiVersion = apiVersion;
  }

  /**
   * OpenAI's own API at {@value #OPENAI_BASE_URL}, authenticated with {@code Authorization:
   * Bearer <apiKey>}.
   *
   * @param apiKey an OpenAI API key, sent with every request and shown nowhere
   * @return an endpoint for OpenAI's API
   * @throws IllegalArgumentException if apiKey is null, blank, or holds a character that cannot
   *     be sent in a header (the message never shows the key)
   */
  public static OpenAiEndpoint openAi(String apiKey) {
    return new OpenAiEndpoint(Kind.OPENAI, HttpUrl.get(OPENAI_BASE_URL), checkKey(apiKey), null);
  }

  /**
   * An OpenAI-compatible server that needs no key, such as a local Ollama
   * ({@code http://localhost:11434/v1}), vLLM ({@code http://localhost:8000/v1}) or LM Studio.
   * No {@code Authorization} header is sent.
   *
   * @param baseUrl the URL that {@code /chat/completions} and {@code /embeddings} are under,
   *     usually ending in {@code /v1}; a trailing slash is allowed
   * @return an endpoint for that server, sending no credentials
   * @throws IllegalArgumentException if baseUrl is null or not an http or https URL, or holds
   *     credentials or a query string
   */
  public static OpenAiEndpoint compatible(String baseUrl) {
    return new OpenAiEndpoint(Kind.COMPATIBLE, checkUrl(baseUrl, "baseUrl"), null, null);
  }

  /**
   * An OpenAI-compatible server that takes a bearer key, such as a LiteLLM proxy, or OpenAI
   * reached through a gateway ({@code OPENAI_API_BASE} in Motorhead's configuration).
   *
   * @param baseUrl the URL that {@code /chat/completions} and {@code /embeddings} are under,
   *     usually ending in {@code /v1}; a trailing slash is allowed
   * @param apiKey the key, sent as {@code Authorization: Bearer <apiKey>} and shown nowhere
   * @return an endpoint for that server
   * @throws IllegalArgumentException if baseUrl is null or not an http or https URL, or holds
   *     credentials or a query string, or apiKey is null, blank or not sendable in a header
   */
  public static OpenAiEndpoint compatible(String baseUrl, String apiKey) {
    return new OpenAiEndpoint(
        Kind.COMPATIBLE, checkUrl(baseUrl, "baseUrl"), checkKey(apiKey), null);
  }

  /**
   * An Azure OpenAI resource with the {@link #DEFAULT_AZURE_API_VERSION default api-version}.
   *
   * @param resourceBaseUrl e.g. {@code https://my-resource.openai.azure.com}
   * @param apiKey the resource's key, sent in the {@code api-key} header and shown nowhere
   * @return an endpoint for that resource
   * @throws IllegalArgumentException if resourceBaseUrl is null or not an http or https URL, or
   *     holds credentials or a query string, or apiKey is null, blank or not sendable in a header
   */
  public static OpenAiEndpoint azure(String resourceBaseUrl, String apiKey) {
    return azure(resourceBaseUrl, apiKey, DEFAULT_AZURE_API_VERSION);
  }

  /**
   * An Azure OpenAI resource, authenticated with the {@code api-key} header.
   *
   * @param resourceBaseUrl e.g. {@code https://my-resource.openai.azure.com}
   * @param apiKey the resource's key, sent in the {@code api-key} header and shown nowhere
   * @param apiVersion the {@code api-version} query parameter, e.g. {@code 2024-10-21};
   *     surrounding whitespace is removed
   * @return an endpoint for that resource
   * @throws IllegalArgumentException if resourceBaseUrl is null or not an http or https URL, or
   *     holds credentials or a query string, apiKey is null, blank or not sendable in a header,
   *     or apiVersion is null or blank
   */
  public static OpenAiEndpoint azure(String resourceBaseUrl, String apiKey, String apiVersion) {
    return new OpenAiEndpoint(Kind.AZURE, checkUrl(resourceBaseUrl, "resourceBaseUrl"),
        checkKey(apiKey), notBlank(apiVersion, "apiVersion").strip());
  }

  /**
   * The endpoint Motorhead's environment variables describe: {@code OPENAI_API_KEY} and, when
   * set, {@code OPENAI_API_BASE} for a compatible server (a blank or missing key then means no
   * key).
   *
   * @return a compatible endpoint when {@code OPENAI_API_BASE} is set, else OpenAI's
   * @throws IllegalArgumentException if neither variable is set, or one is malformed
   */
  public static OpenAiEndpoint fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static OpenAiEndpoint fromEnvironment(Map<String, String> env) {
    String key = env.get("OPENAI_API_KEY");
    String base = env.get("OPENAI_API_BASE");
    boolean hasKey = key != null && !key.isBlank();
    if (base != null && !base.isBlank()) {
      return hasKey ? compatible(base, key) : compatible(base);
    }
    if (!hasKey) {
      throw new IllegalArgumentException(
          "OPENAI_API_KEY must be set (or OPENAI_API_BASE for a server that needs no key)");
    }
    return openAi(key);
  }

  /** Whether this is an Azure OpenAI resource, where deployment ids name the models. */
  boolean isAzure() {
    return kind == Kind.AZURE;
  }

  /**
   * The URL of an operation ({@code "chat/completions"} or {@code "embeddings"}); the
   * deployment is used on Azure only.
   */
  HttpUrl url(String operation, String deployment) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    if (kind == Kind.AZURE) {
      url.addPathSegment("openai").addPathSegment("deployments").addPathSegment(deployment);
    }
    url.addPathSegments(operation);
    if (kind == Kind.AZURE) {
      url.setQueryParameter("api-version", apiVersion);
    }
    return url.build();
  }

  /** Adds the credentials header, if any. */
  Request.Builder authorize(Request.Builder request) {
    if (apiKey == null) {
      return request;
    }
    return kind == Kind.AZURE
        ? request.header("api-key", apiKey)
        : request.header("Authorization", "Bearer " + apiKey);
  }

  /** Text received from a server, with the key (should it have been echoed) replaced. */
  String redact(String text) {
    return apiKey == null || text == null ? text : text.replace(apiKey, REDACTED);
  }

  /** A short name for messages, e.g. {@code "OpenAI"}. */
  String label() {
    return kind.label;
  }

  @Override
  public String toString() {
    return "OpenAiEndpoint{" + kind.label + ", baseUrl=" + baseUrl
        + (apiVersion != null ? ", apiVersion=" + apiVersion : "")
        + ", apiKey=" + (apiKey != null ? REDACTED : "none") + "}";
  }

  private static String checkKey(String apiKey) {
    notBlank(apiKey, "apiKey");
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException("apiKey must hold only visible ASCII characters, "
            + "found one that is not at index " + i + " (the key is not shown)");
      }
    }
    return apiKey;
  }

  private static HttpUrl checkUrl(String url, String name) {
    notBlank(url, name);
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException(name + " must be an http or https URL, was " + shown(url));
    }
    if (!parsed.username().isEmpty() || !parsed.password().isEmpty() || parsed.query() != null) {
      throw new IllegalArgumentException(
          name + " must hold no credentials and no query string; pass the key separately");
    }
    return parsed;
  }
}
