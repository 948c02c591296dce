package dev.motorhead.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.image.Image;
import dev.motorhead.MemoryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message attributes ({@code Map<String, Object>}) as JSON that keeps each value's Java type, so
 * that what is read back is {@code equals} to what was written. LangChain4j's own serializer
 * writes attribute values as plain JSON and reads them back as whatever JSON maps to: a {@code
 * Long} comes back an {@code Integer}, a generated {@link Image} a {@code Map}, so a message with
 * such attributes is no longer equal to itself.
 *
 * <p>Each value is a one-entry object naming its type: {@code {"s":"text"}}, {@code {"i":1}},
 * {@code {"l":1}}, {@code {"d":1.5}}, {@code {"f":1.5}}, {@code {"b":true}}, {@code {"sh":1}},
 * {@code {"by":1}}, {@code {"bi":"123"}}, {@code {"bd":"1.50"}}, {@code {"c":"x"}}, {@code
 * {"null":true}}, {@code {"list":[...]}}, {@code {"set":[...]}}, {@code {"map":{...}}} (string
 * keys), {@code {"image":{...}}}. A value of any other type cannot be kept exactly: it is written
 * as LangChain4j would write it, {@code {"json":...}}, and comes back as the JSON's maps, lists
 * and scalars (with a WARN naming the type, once per type).
 */
final class AttributeCodec {
  private static final Logger log = LoggerFactory.getLogger(AttributeCodec.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

  private AttributeCodec() {}

  static String encode(Map<String, Object> attributes) {
    ObjectNode root = NODES.objectNode();
    attributes.forEach((key, value) -> root.set(key, value(value)));
    return root.toString();
  }

  static Map<String, Object> decode(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        attributes.put(e.getKey(), read(e.getValue()));
      }
      return attributes;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new MemoryException("Stored LangChain4j message attributes cannot be read", e);
    }
  }

  private static ObjectNode value(Object v) {
    ObjectNode n = NODES.objectNode();
    if (v == null) {
      n.put("null", true);
    } else if (v instanceof String s) {
      n.put("s", s);
    } else if (v instanceof Integer i) {
      n.put("i", i);
    } else if (v instanceof Long l) {
      n.put("l", l);
    } else if (v instanceof Double d) {
      n.put("d", d);
    } else if (v instanceof Float f) {
      n.put("f", f);
    } else if (v instanceof Boolean b) {
      n.put("b", b);
    } else if (v instanceof Short s) {
      n.put("sh", s);
    } else if (v instanceof Byte b) {
      n.put("by", b);
    } else if (v instanceof BigInteger b) {
      n.put("bi", b.toString());
    } else if (v instanceof BigDecimal b) {
      n.put("bd", b.toString());
    } else if (v instanceof Character c) {
      n.put("c", c.toString());
    } else if (v instanceof List<?> list) {
      ArrayNode items = n.putArray("list");
      list.forEach(item -> items.add(value(item)));
    } else if (v instanceof Set<?> set) {
      ArrayNode items = n.putArray("set");
      set.forEach(item -> items.add(value(item)));
    } else if (v instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
      ObjectNode entries = n.putObject("map");
      map.forEach((k, item) -> entries.set((String) k, value(item)));
    } else if (v instanceof Image image) {
      ObjectNode i = n.putObject("image");
      if (image.url() != null) {
        i.put("url", image.url().toString());
      }
      putIfSet(i, "base64Data", image.base64Data());
      putIfSet(i, "mimeType", image.mimeType());
      putIfSet(i, "revisedPrompt", image.revisedPrompt());
    } else {
      if (WARNED.add(v.getClass())) {
        log.warn("A LangChain4j message attribute of type {} is stored as plain JSON and will be "
            + "read back as JSON maps, lists and scalars, not as a {}", v.getClass().getName(),
            v.getClass().getSimpleName());
      }
      n.set("json", JSON.valueToTree(v));
    }
    return n;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static Object read(JsonNode n) {
    Map.Entry<String, JsonNode> e = n.fields().next();
    JsonNode v = e.getValue();
    return switch (e.getKey()) {
      case "null" -> null;
      case "s" -> v.textValue();
      case "i" -> v.intValue();
      case "l" -> v.longValue();
      case "d" -> v.doubleValue();
      case "f" -> v.floatValue();
      case "b" -> v.booleanValue();
      case "sh" -> v.shortValue();
      case "by" -> (byte) v.intValue();
      case "bi" -> new BigInteger(v.textValue());
      case "bd" -> new BigDecimal(v.textValue());
      case "c" -> v.textValue().charAt(0);
      case "list" -> {
        List<Object> list = new ArrayList<>(v.size());
        v.forEach(item -> list.add(read(item)));
        yield list;
      }
      case "set" -> {
        Set<Object> set = new LinkedHashSet<>();
        v.forEach(item -> set.add(read(item)));
        yield set;
      }
      case "map" -> {
        Map<String, Object> map = new LinkedHashMap<>();
        v.fields().forEachRemaining(f -> map.put(f.getKey(), read(f.getValue())));
        yield map;
      }
      case "image" -> Image.builder()
          .url(v.has("url") ? URI.create(v.get("url").textValue()) : null)
          .base64Data(v.path("base64Data").textValue())
          .mimeType(v.path("mimeType").textValue())
          .revisedPrompt(v.path("revisedPrompt").textValue())
          .build();
      case "json" -> JSON.convertValue(v, Object.class);
      default -> throw new IllegalStateException("unknown attribute type " + e.getKey());
    };
  }
}
