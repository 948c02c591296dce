package dev.motorhead.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.motorhead.Message;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Messages as list elements: one JSON object each,
 * {@code {"id":..,"role":..,"content":..,"createdAt":"2026-01-02T03:04:05.678Z","tokens":42,
 * "metadata":{..}}}. {@code createdAt} is ISO-8601 as {@link Instant#toString()} writes it, so
 * no precision is lost; {@code metadata} is left out when empty. The commit script decodes the
 * same JSON with Redis's {@code cjson} to compare {@code id} and sum {@code tokens}.
 */
final class MessageCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private MessageCodec() {}

  static String encode(Message m) {
    StringWriter out = new StringWriter(m.content().length() + 128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", m.id());
      g.writeStringField("role", m.role());
      g.writeStringField("content", m.content());
      if (m.createdAt() != null) {
        g.writeStringField("createdAt", m.createdAt().toString());
      }
      g.writeNumberField("tokens", m.tokenCount());
      if (!m.metadata().isEmpty()) {
        g.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> e : m.metadata().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Message decode(String json) {
    Message.Builder b = Message.builder();
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> b.id(p.getText());
          case "role" -> b.role(p.getText());
          case "content" -> b.content(p.getText());
          case "createdAt" -> b.createdAt(Instant.parse(p.getText()));
          case "tokens" -> b.tokenCount(p.getIntValue());
          case "metadata" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              b.metadata(key, p.getText());
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable message in Redis", e);
    }
    return b.build();
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + ", found " + actual);
    }
  }
}
