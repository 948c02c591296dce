package dev.motorhead.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON of OpenAI's chat completions and embeddings APIs: the request bodies this module sends
 * and the fields it reads back. Jackson's tree model keeps it independent of fields we ignore.
 */
final class WireFormat {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private WireFormat() {}

  /** A chat completions request body. {@code temperature} is left out when null. */
  static ObjectNode chatRequest(String model, String system, String user, String maxTokensField,
      int maxTokens, Double temperature) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    body.put(maxTokensField, maxTokens);
    if (temperature != null) {
      body.put("temperature", temperature);
    }
    return body;
  }

  /**
   * An embeddings request body. {@code dimensions} is left out when 0. An empty text is sent as
   * one space, since OpenAI refuses empty inputs with a 400 that would fail the whole batch.
   */
  static ObjectNode embeddingsRequest(String model, List<String> inputs, int dimensions) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    ArrayNode input = body.putArray("input");
    inputs.forEach(text -> input.add(text.isEmpty() ? " " : text));
    if (dimensions > 0) {
      body.put("dimensions", dimensions);
    }
    return body;
  }

  static byte[] write(JsonNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** The JSON tree of a body, or {@code null} when it is empty or not a JSON object. */
  static JsonNode readObject(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * The API's own explanation in an error body: {@code error.message} (OpenAI, Azure), a string
   * {@code error} or {@code detail} (some compatible servers), else the start of the body.
   */
  static String errorMessage(String body) {
    JsonNode json = readObject(body);
    if (json != null) {
      JsonNode error = json.path("error");
      if (error.path("message").isTextual()) {
        return error.path("message").asText();
      }
      if (error.isTextual()) {
        return error.asText();
      }
      if (json.path("detail").isTextual()) {
        return json.path("detail").asText();
      }
      if (json.path("message").isTextual()) {
        return json.path("message").asText();
      }
    }
    return body == null || body.isBlank() ? "(empty body)" : snippet(body);
  }

  /** The start of a body on one line, for an error message. */
  static String snippet(String body) {
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
