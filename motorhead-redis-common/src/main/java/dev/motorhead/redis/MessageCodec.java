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
 * {@code {"id":..,"role":..,"content":..,"createdAt":1767323045678,"tokens":42,"metadata":{..}}}.
 * {@code createdAt} is epoch milliseconds (parsing ISO-8601 text cost more than the rest of a
 * read); a creation time finer than a millisecond adds {@code "createdAtNanos"}, the nanoseconds
 * within that millisecond, so no precision is lost. {@code metadata} is left out when empty,
 * {@code pinned} when false, {@code group} and {@code groupSize} when the message is in none.
 * The commit script decodes the same JSON with Redis's {@code cjson} to compare {@code id} and
 * sum {@code tokens}.
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
        long millis = m.createdAt().toEpochMilli();
        g.writeNumberField("createdAt", millis);
        int nanos = m.createdAt().getNano() % 1_000_000;
        if (nanos != 0) {
          g.writeNumberField("createdAtNanos", nanos);
        }
      }
      g.writeNumberField("tokens", m.tokenCount());
      if (m.pinned()) {
        g.writeBooleanField("pinned", true);
      }
      if (m.groupSize() > 0) {
        g.writeStringField("group", m.groupId().orElseThrow());
        g.writeNumberField("groupSize", m.groupSize());
      }
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
    long createdAtMillis = Long.MIN_VALUE;
    int createdAtNanos = 0;
    String group = null;
    int groupSize = 0;
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> b.id(p.getText());
          case "role" -> b.role(p.getText());
          case "content" -> b.content(p.getText());
          case "createdAt" -> createdAtMillis = p.getLongValue();
          case "createdAtNanos" -> createdAtNanos = p.getIntValue();
          case "tokens" -> b.tokenCount(p.getIntValue());
          case "pinned" -> b.pinned(p.getBooleanValue());
          case "group" -> group = p.getText();
          case "groupSize" -> groupSize = p.getIntValue();
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
    if (group != null) {
      b.group(group, groupSize);
    }
    if (createdAtMillis != Long.MIN_VALUE) {
      b.createdAt(Instant.ofEpochMilli(createdAtMillis).plusNanos(createdAtNanos));
    }
    return b.build();
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + ", found " + actual);
    }
  }
}
