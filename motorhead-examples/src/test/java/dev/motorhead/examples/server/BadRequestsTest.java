package dev.motorhead.examples.server;

import static dev.motorhead.examples.server.TestServer.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.examples.server.TestServer.Response;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.LongTermMemory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad requests never answer 5xx: each gets a 4xx with {"error": "..."} saying what is wrong. */
class BadRequestsTest {
  private static final int MAX_BODY = 2_048;

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("MOTORHEAD_MAX_BODY_BYTES", String.valueOf(MAX_BODY)));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                                             | the request body must be a JSON object, was empty",
      "`{`                                            | the request body is not valid JSON at line 1, column 2",
      "`{\"messages\": [}`                            | the request body is not valid JSON",
      "`{\"messages\": []} trailing`                  | the request body is not valid JSON",
      "`{\"messages\": [], \"messages\": []}`         | Duplicate field 'messages'",
      "`[]`                                           | the request body must be a JSON object, was an array",
      "`\"text\"`                                     | the request body must be a JSON object, was a string",
      "`null`                                         | the request body must be a JSON object, was null",
      "`{}`                                           | messages must be an array, was missing",
      "`{\"messages\": null}`                         | messages must be an array, was null",
      "`{\"messages\": {\"role\": \"AI\"}}`           | messages must be an array, was an object",
      "`{\"messages\": [\"hi\"]}`                     | messages[0] must be an object, was a string",
      "`{\"messages\": [{\"content\": \"x\"}]}`       | messages[0].role must be a non-blank string, was missing",
      "`{\"messages\": [{\"role\": \"\", \"content\": \"x\"}]}`  | messages[0].role must be a non-blank string, was an empty string",
      "`{\"messages\": [{\"role\": \"AI\", \"content\": \"ok\"}, {\"role\": \" \", \"content\": \"x\"}]}` | messages[1].role must be a non-blank string, was a blank string",
      "`{\"messages\": [{\"role\": 7, \"content\": \"x\"}]}`     | messages[0].role must be a non-blank string, was a number",
      "`{\"messages\": [{\"role\": \"AI\"}]}`         | messages[0].content must be a string, was missing",
      "`{\"messages\": [{\"role\": \"AI\", \"content\": null}]}` | messages[0].content must be a string, was null",
      "`{\"messages\": [{\"role\": \"AI\", \"content\": [1]}]}`  | messages[0].content must be a string, was an array",
      "`{\"messages\": [], \"context\": 42}`          | context must be a string or null, was a number",
      "`{\"messages\": [], \"context\": {}}`          | context must be a string or null, was an object",
  })
  void aBadMemoryBodyIsA400NamingTheField(String body, String error) {
    Response r = server.post("/sessions/s1/memory", body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.error()).contains(error);
    assertThat(server.get("/sessions").json()).as("nothing was written").isEmpty();
  }

  @Test
  void aBadMessageLaterInTheListWritesNoneOfThem() {
    Response r = server.post("/sessions/s1/memory",
        "{\"messages\": [{\"role\": \"AI\", \"content\": \"ok\"}, {\"role\": \"AI\"}]}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(server.get("/sessions/s1/memory").json().path("messages")).isEmpty();
  }

  @Test
  void bodyBytesThatAreNotUtf8AreA400() {
    byte[] body = "{\"messages\": [{\"role\": \"AI\", \"content\": \"\u00ff\"}]}"
        .getBytes(StandardCharsets.ISO_8859_1);

    Response r = server.send("POST", "/sessions/s1/memory", BodyPublishers.ofByteArray(body));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).startsWith("the request body is not valid JSON");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                  | the request body must be a JSON object, was empty",
      "`{}`                | text must be a non-blank string, was missing",
      "`{\"text\": 1}`     | text must be a non-blank string, was a number",
      "`{\"text\": \" \"}` | text must be a non-blank string, was a blank string",
  })
  void aBadRetrievalBodyIsA400WhenLongTermMemoryIsOn(String body, String error) throws Exception {
    MemoryClient client = MemoryClient.builder().longTermMemory(new AlwaysOnLongTermMemory()).build();
    try (TestServer withMemory = TestServer.start(Map.of(), client)) {
      Response r = withMemory.post("/sessions/s1/retrieval", body);

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error()).isEqualTo(error);
    }
  }

  @Test
  void aBodyAboveTheLimitIsA413() {
    String big = messages("AI", "x".repeat(MAX_BODY));

    Response r = server.post("/sessions/s1/memory", big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).contains("larger than 2048 bytes", "MOTORHEAD_MAX_BODY_BYTES");
    assertThat(server.get("/sessions").json()).isEmpty();
  }

  @Test
  void aChunkedBodyAboveTheLimitIsA413Too() {
    byte[] big = messages("AI", "x".repeat(MAX_BODY)).getBytes(StandardCharsets.UTF_8);

    Response r = server.send("POST", "/sessions/s1/memory",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));

    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void aBodyAtTheLimitIsAccepted() {
    String prefix = "{\"messages\": [{\"role\": \"AI\", \"content\": \"";
    String suffix = "\"}]}";
    String exact = prefix + "x".repeat(MAX_BODY - prefix.length() - suffix.length()) + suffix;

    assertThat(server.post("/sessions/s1/memory", exact).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/sessions?page=0            | page must be an integer >= 1, was \"0\"",
      "/sessions?page=-1           | page must be an integer >= 1, was \"-1\"",
      "/sessions?page=abc          | page must be an integer >= 1, was \"abc\"",
      "/sessions?page=99999999999  | page must be an integer >= 1, was \"99999999999\"",
      "/sessions?size=0            | size must be an integer between 1 and 100, was \"0\"",
      "/sessions?size=101          | size must be an integer between 1 and 100, was \"101\"",
      "/sessions?size=            | size must be an integer between 1 and 100, was \"\"",
      "/sessions?size=1.5          | size must be an integer between 1 and 100, was \"1.5\"",
      "/sessions?namespace=%E0%A4  | the query string is not valid percent-encoded UTF-8",
  })
  void aBadSessionListingQueryIsA400(String path, String error) {
    Response r = server.get(path);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo(error);
  }

  @Test
  void aSessionIdThatIsNotUtf8IsA400() {
    Response r = server.get("/sessions/%C3%28/memory");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error())
        .isEqualTo("the session id in the path is not valid percent-encoded UTF-8");
  }

  @Test
  void aBlankSessionIdIsA400AndAnEmptyOneIsA404() {
    Response blank = server.post("/sessions/%20/memory", "{\"messages\": []}");
    Response empty = server.get("/sessions//memory");

    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.error()).contains("sessionId must not be blank");
    assertThat(empty.status()).isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource({"GET, /nope", "GET, /sessions/", "GET, /sessions/s1", "GET, /sessions/s1/memory/",
      "GET, /sessions/s1/other", "POST, /sessions/a/b/memory", "GET, /sessions/s1/memoryx"})
  void anUnknownPathIsA404(String method, String path) {
    Response r = server.send(method, path, BodyPublishers.noBody());

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).startsWith("Not found: " + method + " " + path);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PUT    | /sessions/s1/memory    | GET, POST, DELETE",
      "PATCH  | /sessions/s1/memory    | GET, POST, DELETE",
      "GET    | /sessions/s1/retrieval | POST",
      "DELETE | /sessions              | GET",
      "POST   | /                      | GET",
  })
  void aWrongMethodIsA405ThatSaysWhichAreAllowed(String method, String path, String allowed) {
    Response r = server.send(method, path, BodyPublishers.ofString("{}"));

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue(allowed);
    assertThat(r.error()).endsWith("allowed: " + allowed);
  }

  /** Long-term memory that is on and finds nothing. */
  private static final class AlwaysOnLongTermMemory implements LongTermMemory {
    @Override
    public boolean isEnabled() {
      return true;
    }

    @Override
    public void index(String sessionId, List<Message> messages) {}

    @Override
    public List<SearchHit> search(
        String sessionId, String query, int k) {
      return List.of();
    }

    @Override
    public void delete(String sessionId) {}
  }
}
