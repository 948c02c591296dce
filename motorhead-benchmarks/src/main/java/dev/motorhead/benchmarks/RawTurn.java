package dev.motorhead.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The Redis commands one library turn sends, built by hand for the raw-driver baselines: the
 * library's own append and read scripts (loaded from its jar), the same keys and arguments, the
 * same pipelined ZADD. Message JSON is built with a string template, no codec.
 */
final class RawTurn {
  static final String APPEND = script("write");
  static final String READ = script("read");

  private RawTurn() {}

  static List<String> keys(String session) {
    String base = "mh:{" + session + "}:";
    return List.of(
        base + "messages", base + "meta", base + "lease", base + "namespaces", base + "recall");
  }

  static List<String> appendArgs(String content, Instant now) {
    String q = message(content + "?", now, "Human");
    String a = message(content + ".", now, "AI");
    return List.of("0", "", "12", "0", "0", "", "", q, a);
  }

  static String message(String content, Instant now, String role) {
    return "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"role\":\"" + role
        + "\",\"content\":\"" + content + "\",\"createdAt\":" + now.toEpochMilli()
        + ",\"tokens\":6}";
  }

  private static String script(String name) {
    return resource("session") + resource(name);
  }

  private static String resource(String name) {
    String path = "/dev/motorhead/redis/scripts/" + name + ".lua";
    try (InputStream in = RawTurn.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
