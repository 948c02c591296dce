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

  /**
   * The endpoints: Motorhead's API, then ours (health and metrics), and the methods each answers.
   * {@code HEAD} is answered wherever {@code GET} is, and left out of {@code Allow} as before.
   */
  enum Endpoint {
    HEALTH("/", List.of("GET")),
    SESSIONS("/sessions", List.of("GET")),
    MEMORY("/sessions/{id}/memory", List.of("GET", "POST", "DELETE")),
    RETRIEVAL("/sessions/{id}/retrieval", List.of("POST")),
    LIVENESS("/healthz", List.of("GET")),
    READINESS("/readyz", List.of("GET")),
    METRICS("/metrics", List.of("GET"));

    private final String template;
    private final List<String> methods;

    Endpoint(String template, List<String> methods) {
      this.template = template;
      this.methods = methods;
    }

    /** The path with {@code {id}} for the session id: the route's name in metrics. */
    String template() {
      return template;
    }

    /** The methods named in {@code Allow}. */
    List<String> methods() {
      return methods;
    }

    /** Whether it answers the method: one of {@link #methods()}, or HEAD where GET is. */
    boolean allows(String method) {
      return methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
    }
  }

  /**
   * The route of a raw (still percent-encoded) path.
   *
   * @return {@code null} when no endpoint has this path, including an empty session id
   * @throws ApiException 400 when the session id is not valid percent-encoded UTF-8, or blank
   */
  static Route parse(String rawPath) {
    if (rawPath == null) {
      return null;
    }
    switch (rawPath) {
      case "/":
        return new Route(Endpoint.HEALTH, null);
      case "/healthz":
        return new Route(Endpoint.LIVENESS, null);
      case "/readyz":
        return new Route(Endpoint.READINESS, null);
      case "/metrics":
        return new Route(Endpoint.METRICS, null);
      default:
        break;
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
    if (sessionId.isBlank()) {
      // checked here, not left to the library: a library argument error is a server bug (500)
      throw ApiException.badRequest("sessionId must not be blank, was " + Json.quoted(sessionId));
    }
    return new Route(endpoint, sessionId);
  }
}
