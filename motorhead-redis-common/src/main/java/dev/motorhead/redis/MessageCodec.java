package dev.motorhead.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.motorhead.Message;
import java.io.IOException;
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
 * The id always comes first and {@code tokens} before {@code metadata}: the commit script
 * compares ids by the element's start and finds the token count with a plain search, decoding
 * the element with Redis's {@code cjson} only when that does not answer.
 *
 * <p>Both directions are written by hand for this one shape (a read decodes a whole window, and
 * a general JSON parser per element cost more than the rest of the read). An element of another
 * shape (a field a later version added, a value of another type) is decoded with Jackson, which
 * skips what it does not know.
 */
final class MessageCodec {
  private static final JsonFactory JSON = new JsonFactory();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private MessageCodec() {}

  static String encode(Message m) {
    StringBuilder out = new StringBuilder(m.content().length() + m.id().length() + 96);
    out.append("{\"id\":");
    string(out, m.id());
    out.append(",\"role\":");
    string(out, m.role());
    out.append(",\"content\":");
    string(out, m.content());
    if (m.createdAt() != null) {
      long millis = m.createdAt().toEpochMilli();
      out.append(",\"createdAt\":").append(millis);
      int nanos = m.createdAt().getNano() % 1_000_000;
      if (nanos != 0) {
        out.append(",\"createdAtNanos\":").append(nanos);
      }
    }
    out.append(",\"tokens\":").append(m.tokenCount());
    if (m.pinned()) {
      out.append(",\"pinned\":true");
    }
    if (m.groupSize() > 0) {
      out.append(",\"group\":");
      string(out, m.groupId().orElseThrow());
      out.append(",\"groupSize\":").append(m.groupSize());
    }
    if (!m.metadata().isEmpty()) {
      out.append(",\"metadata\":{");
      boolean first = true;
      for (Map.Entry<String, String> e : m.metadata().entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, e.getKey());
        out.append(':');
        string(out, e.getValue());
      }
      out.append('}');
    }
    return out.append('}').toString();
  }

  /** A JSON string: quotes, backslashes and control characters escaped, all else as it is. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, start, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
      start = i + 1;
    }
    out.append(s, start, s.length()).append('"');
  }

  static Message decode(String json) {
    try {
      return new Reader(json).message();
    } catch (OtherShape e) {
      return decodeWithJackson(json);
    }
  }

  /** The element is valid JSON of a shape the hand-written reader does not take. */
  private static final class OtherShape extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final OtherShape INSTANCE = new OtherShape();

    private OtherShape() {
      super(null, null, false, false);
    }
  }

  /** Reads the shape {@link #encode} writes, fields in any order; anything else: OtherShape. */
  private static final class Reader {
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    Message message() {
      Message.Builder b = Message.builder();
      long createdAtMillis = Long.MIN_VALUE;
      int createdAtNanos = 0;
      String group = null;
      int groupSize = 0;
      expect('{');
      if (peek() != '}') {
        do {
          String field = string();
          expect(':');
          switch (field) {
            case "id" -> b.id(string());
            case "role" -> b.role(string());
            case "content" -> b.content(string());
            case "createdAt" -> createdAtMillis = number();
            case "createdAtNanos" -> createdAtNanos = (int) number();
            case "tokens" -> b.tokenCount((int) number());
            case "pinned" -> b.pinned(bool());
            case "group" -> group = string();
            case "groupSize" -> groupSize = (int) number();
            case "metadata" -> {
              expect('{');
              if (peek() != '}') {
                do {
                  String key = string();
                  expect(':');
                  b.metadata(key, string());
                } while (comma());
              }
              expect('}');
            }
            default -> throw OtherShape.INSTANCE;
          }
        } while (comma());
      }
      expect('}');
      if (at != s.length()) {
        throw OtherShape.INSTANCE;
      }
      if (group != null) {
        b.group(group, groupSize);
      }
      if (createdAtMillis != Long.MIN_VALUE) {
        b.createdAt(Instant.ofEpochMilli(createdAtMillis).plusNanos(createdAtNanos));
      }
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        throw OtherShape.INSTANCE; // Jackson's path reports it the same way
      }
    }

    private char peek() {
      if (at >= s.length()) {
        throw OtherShape.INSTANCE;
      }
      return s.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw OtherShape.INSTANCE;
      }
      at++;
    }

    private boolean comma() {
      if (peek() == ',') {
        at++;
        return true;
      }
      return false;
    }

    private boolean bool() {
      if (s.startsWith("true", at)) {
        at += 4;
        return true;
      }
      if (s.startsWith("false", at)) {
        at += 5;
        return false;
      }
      throw OtherShape.INSTANCE;
    }

    /** A whole number that fits a long, as {@link #encode} writes them. */
    private long number() {
      int start = at;
      boolean negative = peek() == '-';
      if (negative) {
        at++;
      }
      long value = 0;
      int digits = 0;
      while (at < s.length()) {
        char c = s.charAt(at);
        if (c < '0' || c > '9') {
          break;
        }
        if (++digits > 18) {
          throw OtherShape.INSTANCE;
        }
        value = value * 10 + (c - '0');
        at++;
      }
      if (digits == 0 || (digits > 1 && s.charAt(start + (negative ? 1 : 0)) == '0')) {
        throw OtherShape.INSTANCE;
      }
      return negative ? -value : value;
    }

    private String string() {
      expect('"');
      int start = at;
      int n = s.length();
      while (at < n) {
        char c = s.charAt(at);
        if (c == '"') {
          return s.substring(start, at++);
        }
        if (c == '\\') {
          return escaped(start);
        }
        if (c < 0x20) {
          throw OtherShape.INSTANCE;
        }
        at++;
      }
      throw OtherShape.INSTANCE;
    }

    private String escaped(int start) {
      StringBuilder b = new StringBuilder(at - start + 16).append(s, start, at);
      int n = s.length();
      while (at < n) {
        char c = s.charAt(at++);
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw OtherShape.INSTANCE;
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (at >= n) {
          throw OtherShape.INSTANCE;
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (at + 4 > n) {
              throw OtherShape.INSTANCE;
            }
            int v = 0;
            for (int k = 0; k < 4; k++) {
              int d = Character.digit(s.charAt(at++), 16);
              if (d < 0) {
                throw OtherShape.INSTANCE;
              }
              v = v * 16 + d;
            }
            b.append((char) v);
          }
          default -> throw OtherShape.INSTANCE;
        }
      }
      throw OtherShape.INSTANCE;
    }
  }

  private static Message decodeWithJackson(String json) {
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
