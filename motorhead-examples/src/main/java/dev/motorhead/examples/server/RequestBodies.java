package dev.motorhead.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates request bodies by hand so that every bad input gets a 400 naming the field, e.g.
 * {@code messages[1].role must be a non-blank string, was missing}. Unknown fields are ignored,
 * as Motorhead does.
 */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * The body of {@code POST /sessions/{id}/memory}: {@code {"messages": [{"role", "content"}],
   * "context": optional}}.
   *
   * @param messages oldest first, as posted
   * @param context the summary to set, or {@code null} to leave it (absent or JSON null)
   */
  record PostedMemory(List<Message> messages, String context) {}

  /** @throws ApiException 400 naming the first bad field */
  static PostedMemory postedMemory(JsonNode body) {
    JsonNode messages = body.path("messages");
    if (!messages.isArray()) {
      throw ApiException.badRequest("messages must be an array, was " + Json.kind(messages));
    }
    List<Message> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String field = "messages[" + i + "]";
      if (!m.isObject()) {
        throw ApiException.badRequest(field + " must be an object, was " + Json.kind(m));
      }
      JsonNode role = m.path("role");
      if (!role.isTextual() || role.asText().isBlank()) {
        throw ApiException.badRequest(
            field + ".role must be a non-blank string, was " + Json.kind(role));
      }
      JsonNode content = m.path("content");
      if (!content.isTextual()) {
        throw ApiException.badRequest(
            field + ".content must be a string, was " + Json.kind(content));
      }
      parsed.add(Message.of(role.asText(), content.asText()));
    }
    JsonNode context = body.path("context");
    if (!context.isMissingNode() && !context.isNull() && !context.isTextual()) {
      throw ApiException.badRequest("context must be a string or null, was " + Json.kind(context));
    }
    return new PostedMemory(parsed, context.isTextual() ? context.asText() : null);
  }

  /**
   * The body of {@code POST /sessions/{id}/retrieval}: {@code {"text": "..."}}.
   *
   * @throws ApiException 400 when text is not a non-blank string
   */
  static String retrievalText(JsonNode body) {
    JsonNode text = body.path("text");
    if (!text.isTextual() || text.asText().isBlank()) {
      throw ApiException.badRequest("text must be a non-blank string, was " + Json.kind(text));
    }
    return text.asText();
  }
}
