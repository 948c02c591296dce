package dev.motorhead.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.motorhead.MemoryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The server started in a test on a free port, and a real HTTP client to talk to it. By default it
 * runs on the backend {@link Backend#open} builds from the given environment, with synchronous
 * compaction so that overflow is visible as soon as a POST returns.
 */
final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AutoCloseable backend;
  private final boolean nonBlocking;
  private final MemoryClient client;
  private final MotorheadServer server;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestServer(AutoCloseable backend, MemoryClient client, MotorheadServer server) {
    this.backend = backend;
    this.nonBlocking = backend instanceof Backend b && b.nonBlocking();
    this.client = client;
    this.server = server;
  }

  /** The server on the backend the environment describes (plus port 0 and sync compaction). */
  static TestServer start(Map<String, String> env) {
    ServerConfig config = config(env);
    Backend backend = Backend.open(config);
    MotorheadServer server = MotorheadServer.start(config, backend);
    return new TestServer(backend, backend.client(), server);
  }

  static TestServer start() {
    return start(Map.of());
  }

  /** The server on a client the test built; closing the server closes the client too. */
  static TestServer start(Map<String, String> env, MemoryClient client) {
    return new TestServer(client, client, MotorheadServer.start(config(env), client));
  }

  static ServerConfig config(Map<String, String> env) {
    Map<String, String> withDefaults = new HashMap<>(env);
    withDefaults.putIfAbsent("PORT", "0");
    withDefaults.putIfAbsent("MOTORHEAD_HOST", "127.0.0.1");
    withDefaults.putIfAbsent("MOTORHEAD_COMPACTION", "sync");
    return ServerConfig.fromEnv(withDefaults);
  }

  /** A POST memory body: {@code messages("Human", "hi", "AI", "hello")}, role and content pairs. */
  static String messages(String... rolesAndContents) {
    var body = JSON.createObjectNode();
    var messages = body.putArray("messages");
    for (int i = 0; i < rolesAndContents.length; i += 2) {
      messages.addObject().put("role", rolesAndContents[i]).put("content", rolesAndContents[i + 1]);
    }
    return body.toString();
  }

  /** Whether the server answers on Jetty's threads without workers (see Backend#nonBlocking). */
  boolean backendIsNonBlocking() {
    return nonBlocking;
  }

  MemoryClient client() {
    return client;
  }

  MotorheadServer server() {
    return server;
  }

  Response get(String rawPath) {
    return send("GET", rawPath, BodyPublishers.noBody());
  }

  Response post(String rawPath, String json) {
    return send("POST", rawPath, BodyPublishers.ofString(json));
  }

  Response delete(String rawPath) {
    return send("DELETE", rawPath, BodyPublishers.noBody());
  }

  /** Sends a request to a raw (already percent-encoded) path and query. */
  Response send(String method, String rawPath, BodyPublisher body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + rawPath))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, body)
            .build();
    try {
      var response = http.send(request, BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    backend.close();
  }

  /** One HTTP response. */
  record Response(int status, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    /** The {@code error} field of an error response. */
    String error() {
      return json().path("error").asText(null);
    }
  }
}
