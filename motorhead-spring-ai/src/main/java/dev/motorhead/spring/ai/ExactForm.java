package dev.motorhead.spring.ai;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exact form of a Spring AI message as JSON text, kept in a stored message's metadata so
 * that what {@code get} returns equals what {@code add} received.
 *
 * <p>Metadata values keep their Java type: strings, booleans, every boxed number type,
 * {@link BigInteger}, {@link BigDecimal}, byte arrays, enums, lists and string-keyed maps of
 * these, and {@code null}. A value of any other type is stored as its {@code toString()} and comes
 * back as that string. The {@code messageType} entry every Spring AI message carries is left out:
 * the message's constructor puts it back. Media keep their MIME type, id, name and data (bytes,
 * text or URL).
 */
final class ExactForm {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExactForm() {}

  static String write(ObjectNode node) {
    return JSON.writeValueAsString(node);
  }

  static ObjectNode read(String json) {
    JsonNode node = JSON.readTree(json);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("not a JSON object: the exact form of a message");
    }
    return object;
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  // ---- text that may be null ----

  static void putText(ObjectNode node, String field, String text) {
    if (text == null) {
      node.putNull(field);
    } else {
      node.put(field, text);
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }

  // ---- metadata ----

  static ObjectNode metadata(Map<String, Object> metadata) {
    ObjectNode out = NODES.objectNode();
    metadata.forEach(
        (key, value) -> {
          if (!AbstractMessage.MESSAGE_TYPE.equals(key)) {
            out.set(key, value(value));
          }
        });
    return out;
  }

  static Map<String, Object> metadata(JsonNode node) {
    Map<String, Object> out = new HashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.put(e.getKey(), value(e.getValue()));
      }
    }
    return out;
  }

  /** One typed value: an object with one field naming the type. */
  private static JsonNode value(Object v) {
    ObjectNode n = NODES.objectNode();
    if (v == null) {
      n.putNull("null");
    } else if (v instanceof String s) {
      n.put("s", s);
    } else if (v instanceof Boolean b) {
      n.put("z", b);
    } else if (v instanceof Integer i) {
      n.put("i", i.toString());
    } else if (v instanceof Long l) {
      n.put("l", l.toString());
    } else if (v instanceof Double d) {
      n.put("d", d.toString());
    } else if (v instanceof Float f) {
      n.put("f", f.toString());
    } else if (v instanceof Short s) {
      n.put("h", s.toString());
    } else if (v instanceof Byte b) {
      n.put("b", b.toString());
    } else if (v instanceof BigInteger bi) {
      n.put("bi", bi.toString());
    } else if (v instanceof BigDecimal bd) {
      n.put("bd", bd.toString());
    } else if (v instanceof byte[] bytes) {
      n.put("bytes", Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof Enum<?> e) {
      ObjectNode en = n.putObject("enum");
      en.put("class", e.getDeclaringClass().getName());
      en.put("name", e.name());
    } else if (v instanceof List<?> list) {
      ArrayNode items = n.putArray("list");
      list.forEach(item -> items.add(value(item)));
    } else if (v instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
      ObjectNode entries = n.putObject("map");
      map.forEach((k, item) -> entries.set((String) k, value(item)));
    } else {
      n.put("s", v.toString());
    }
    return n;
  }

  private static Object value(JsonNode n) {
    Map.Entry<String, JsonNode> typed = n.properties().iterator().next();
    JsonNode v = typed.getValue();
    return switch (typed.getKey()) {
      case "null" -> null;
      case "s" -> v.stringValue();
      case "z" -> v.asBoolean();
      case "i" -> Integer.valueOf(v.stringValue());
      case "l" -> Long.valueOf(v.stringValue());
      case "d" -> Double.valueOf(v.stringValue());
      case "f" -> Float.valueOf(v.stringValue());
      case "h" -> Short.valueOf(v.stringValue());
      case "b" -> Byte.valueOf(v.stringValue());
      case "bi" -> new BigInteger(v.stringValue());
      case "bd" -> new BigDecimal(v.stringValue());
      case "bytes" -> Base64.getDecoder().decode(v.stringValue());
      case "enum" -> enumValue(v.path("class").stringValue(), v.path("name").stringValue());
      case "list" -> {
        List<Object> list = new ArrayList<>();
        v.values().forEach(item -> list.add(value(item)));
        yield list;
      }
      case "map" -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          map.put(e.getKey(), value(e.getValue()));
        }
        yield map;
      }
      default -> throw new IllegalArgumentException("unknown metadata type " + typed.getKey());
    };
  }

  /** The enum constant, or its name when the class is not an enum this class loader knows. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(String className, String name) {
    try {
      Class<?> type = Class.forName(className, false, ExactForm.class.getClassLoader());
      if (type.isEnum()) {
        return Enum.valueOf((Class<Enum>) type, name);
      }
    } catch (ClassNotFoundException | IllegalArgumentException e) {
      // fall through: the name is the best we have
    }
    return name;
  }

  // ---- media ----

  static ArrayNode media(List<Media> media) {
    ArrayNode out = NODES.arrayNode();
    for (Media m : media) {
      ObjectNode n = out.addObject();
      n.put("mime", m.getMimeType().toString());
      putText(n, "id", m.getId());
      n.put("name", m.getName());
      Object data = m.getData();
      if (data instanceof byte[] bytes) {
        n.put("bytes", Base64.getEncoder().encodeToString(bytes));
      } else if (data instanceof URL url) {
        n.put("url", url.toString());
      } else {
        n.put("text", String.valueOf(data));
      }
    }
    return out;
  }

  static List<Media> media(JsonNode node) {
    List<Media> out = new ArrayList<>();
    for (JsonNode n : node.values()) {
      Media.Builder b = Media.builder().mimeType(MimeType.valueOf(n.path("mime").stringValue()));
      if (n.has("bytes")) {
        b.data(Base64.getDecoder().decode(n.path("bytes").stringValue()));
      } else if (n.has("url")) {
        try {
          b.data(URI.create(n.path("url").stringValue()).toURL());
        } catch (MalformedURLException | IllegalArgumentException e) {
          b.data(n.path("url").stringValue());
        }
      } else {
        b.data(n.path("text").stringValue());
      }
      String id = text(n, "id");
      if (id != null) {
        b.id(id);
      }
      b.name(n.path("name").stringValue());
      out.add(b.build());
    }
    return out;
  }

  // ---- tool calls and responses ----

  static ArrayNode toolCalls(List<AssistantMessage.ToolCall> calls) {
    ArrayNode out = NODES.arrayNode();
    for (AssistantMessage.ToolCall c : calls) {
      ObjectNode n = out.addObject();
      putText(n, "id", c.id());
      putText(n, "type", c.type());
      putText(n, "name", c.name());
      putText(n, "arguments", c.arguments());
    }
    return out;
  }

  static List<AssistantMessage.ToolCall> toolCalls(JsonNode node) {
    List<AssistantMessage.ToolCall> out = new ArrayList<>();
    for (JsonNode n : node.values()) {
      out.add(new AssistantMessage.ToolCall(
          text(n, "id"), text(n, "type"), text(n, "name"), text(n, "arguments")));
    }
    return out;
  }

  static ObjectNode toolResponse(ToolResponseMessage.ToolResponse r) {
    ObjectNode n = NODES.objectNode();
    putText(n, "id", r.id());
    putText(n, "name", r.name());
    putText(n, "data", r.responseData());
    return n;
  }

  static ToolResponseMessage.ToolResponse toolResponse(JsonNode n) {
    return new ToolResponseMessage.ToolResponse(text(n, "id"), text(n, "name"), text(n, "data"));
  }
}
