package dev.motorhead.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** OpenAI wire-format answers for MockWebServer, and a reader for the requests it records. */
final class WireFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private WireFixtures() {}

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A chat completion answering {@code content}, reporting {@code totalTokens} used. */
  static MockResponse chat(String content, int totalTokens) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "gpt-4o-mini");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", content);
    body.putObject("usage").put("prompt_tokens", totalTokens - 10)
        .put("completion_tokens", 10).put("total_tokens", totalTokens);
    return json(200, body.toString());
  }

  /** An OpenAI error body: {@code {"error": {"message": ..., "type": ..., "code": ...}}}. */
  static String error(String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error")
        .putNull("param").putNull("code");
    return body.toString();
  }

  /**
   * An embeddings answer whose {@code data} lists the vectors in the order of {@code order}
   * (indexes into {@code vectors}), each tagged with its index.
   */
  static MockResponse embeddings(float[][] vectors, int... order) {
    ObjectNode body = JSON.createObjectNode();
    body.put("object", "list").put("model", "text-embedding-3-small");
    ArrayNode data = body.putArray("data");
    for (int index : order) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", index);
      ArrayNode numbers = item.putArray("embedding");
      for (float f : vectors[index]) {
        numbers.add(f);
      }
    }
    body.putObject("usage").put("prompt_tokens", 8).put("total_tokens", 8);
    return json(200, body.toString());
  }

  static JsonNode body(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
