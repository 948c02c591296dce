package dev.motorhead.examples.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON in and out: strict parsing into a tree, and the server's one object mapper. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ApiException 400 saying what is wrong and where
   */
  static JsonNode parseObject(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("the request body must be a JSON object, was empty");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiException.badRequest(
          "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the request body is not valid JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw ApiException.badRequest("the request body must be a JSON object, was empty");
    }
    if (!root.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object, was " + kind(root));
    }
    return root;
  }

  /** Serializes a response body. */
  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize a response", e);
    }
  }

  /** What kind of JSON value a node is, for error messages: "a number", "null", "missing". */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    switch (node.getNodeType()) {
      case NULL:
        return "null";
      case BOOLEAN:
        return "a boolean";
      case NUMBER:
        return "a number";
      case STRING:
        if (node.asText().isEmpty()) {
          return "an empty string";
        }
        return node.asText().isBlank() ? "a blank string" : "a string";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      default:
        return "not a JSON value";
    }
  }

  /** Quotes a value a client or the environment supplied for an error message, shortened. */
  static String quoted(String value) {
    String s = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return '"' + s.replace("\n", "\\n") + '"';
  }
}
