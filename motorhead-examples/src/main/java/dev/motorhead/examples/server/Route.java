package dev.motorhead.examples.server;

import java.util.List;

/**
 * Where a request goes: the endpoint its path names and, for session endpoints, the session id.
 *
 * <p>The raw path is split on {@code /} before the session id is percent-decoded, so an id may
 * hold any character, {@code /} included (sent as {@code %2F}). In a path {@code +} is a plus.
 *
 * @param sessionId the decoded session id; {@code null} for endpoints without one
 */
record Route(Endpoint endpoint, String sessionId) {

  /** The endpoints of Motorhead's API and the methods each answers. */
  enum Endpoint {
    HEALTH("/", List.of("GET")),
    SESSIONS("/sessions", List.of("GET")),
    MEMORY("/sessions/{id}/memory", List.of("GET", "POST", "DELETE")),
    RETRIEVAL("/sessions/{id}/retrieval", List.of("POST"));

    private final String template;
    private final List<String> methods;

    Endpoint(String template, List<String> methods) {
      this.template = template;
      this.methods = methods;
    }

    String template() {
      return template;
    }

    List<String> methods() {
      return methods;
    }
  }

  /**
   * The route of a raw (still percent-encoded) path.
   *
   * @return {@code null} when no endpoint has this path, including an empty session id
   * @throws ApiException 400 when the session id is not valid percent-encoded UTF-8
   */
  static Route parse(String rawPath) {
    if (rawPath == null) {
      return null;
    }
    if (rawPath.equals("/")) {
      return new Route(Endpoint.HEALTH, null);
    }
    String[] segments = rawPath.split("/", -1); // keeps empty segments: "/a//b" has one
    if (segments.length < 2 || !segments[0].isEmpty() || !segments[1].equals("sessions")) {
      return null;
    }
    if (segments.length == 2) {
      return new Route(Endpoint.SESSIONS, null);
    }
    if (segments.length != 4 || segments[2].isEmpty()) {
      return null;
    }
    Endpoint endpoint;
    switch (segments[3]) {
      case "memory":
        endpoint = Endpoint.MEMORY;
        break;
      case "retrieval":
        endpoint = Endpoint.RETRIEVAL;
        break;
      default:
        return null;
    }
    String sessionId = UrlDecoding.decode(segments[2], false);
    if (sessionId == null) {
      throw ApiException.badRequest(
          "the session id in the path is not valid percent-encoded UTF-8");
    }
    return new Route(endpoint, sessionId);
  }
}
