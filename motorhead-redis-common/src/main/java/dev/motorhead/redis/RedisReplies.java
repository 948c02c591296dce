package dev.motorhead.redis;

import dev.motorhead.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reading script and command replies, which both drivers give as lists of {@code Long},
 * {@code String} or {@code byte[]}, {@code null} and nested lists. A reply of another shape is
 * a {@link StoreException}.
 */
final class RedisReplies {
  private RedisReplies() {}

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object reply) {
    if (reply instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new StoreException("unexpected reply from Redis: " + reply);
  }

  static List<Object> listAt(Object reply, int index) {
    return asList(asList(reply).get(index));
  }

  static long longAt(Object reply, int index) {
    return number(asList(reply).get(index));
  }

  static long number(Object value) {
    return value instanceof Number n ? n.longValue() : Long.parseLong(text(value));
  }

  static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof String s) {
      return s;
    }
    throw new StoreException("unexpected reply from Redis: " + value);
  }
}
