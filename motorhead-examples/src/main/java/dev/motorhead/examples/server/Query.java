package dev.motorhead.examples.server;

import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a request's query string, percent-decoded ({@code +} is a space). When a
 * name repeats, its first value counts. Unknown parameters are ignored, as Motorhead does.
 */
final class Query {
  private static final Query EMPTY = new Query(Map.of());

  private final Map<String, String> params;

  private Query(Map<String, String> params) {
    this.params = params;
  }

  /**
   * @param rawQuery the query as received, without {@code ?}; {@code null} when there is none
   * @throws ApiException 400 when the query is not valid percent-encoded UTF-8
   */
  static Query parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = UrlDecoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = UrlDecoding.decode(eq < 0 ? "" : pair.substring(eq + 1), true);
      if (name == null || value == null) {
        throw ApiException.badRequest("the query string is not valid percent-encoded UTF-8");
      }
      params.putIfAbsent(name, value);
    }
    return new Query(params);
  }

  /** The value of a parameter, or {@code null} when absent. */
  String get(String name) {
    return params.get(name);
  }

  /**
   * An integer parameter within bounds.
   *
   * @throws ApiException 400 naming the parameter when it is not an integer in range
   */
  int integer(String name, int fallback, int min, int max) {
    String value = params.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException notAnInteger) {
      // reported below
    }
    String range = max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max;
    throw ApiException.badRequest(
        name + " must be an integer " + range + ", was " + Json.quoted(value));
  }
}
