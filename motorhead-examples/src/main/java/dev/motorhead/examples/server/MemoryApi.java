package dev.motorhead.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Motorhead's REST API over a {@link MemoryClient}: one method per endpoint, each answering what
 * Motorhead answers (shapes, field names, {@code {"status":"Ok"}}), with 400s where Motorhead
 * crashed or answered 5xx. Asynchronous over the library's asynchronous calls, with a blocking
 * view. Thread-safe.
 */
final class MemoryApi {
  private static final Map<String, String> OK = Map.of("status", "Ok");
  private static final int SEARCH_RESULTS = 10;

  private final MemoryClient client;
  private final Clock clock;

  /** A response: its status and the body, serialized as JSON. */
  record Reply(int status, Object body) {
    static Reply ok(Object body) {
      return new Reply(200, body);
    }
  }

  MemoryApi(MemoryClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Answers one request to one of Motorhead's endpoints whose method the route accepts, blocking
   * until it is answered: {@link #handleAsync} joined.
   *
   * @param body reads and parses the request body; called only by endpoints that take one
   * @throws ApiException for a request that fails validation
   * @throws RuntimeException whatever the library or the store failed with, unwrapped
   */
  Reply handle(Route route, String method, Query query, Supplier<JsonNode> body) {
    try {
      return handleAsync(route, method, query, body).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Answers one request without blocking, as long as the store does not block: every endpoint
   * but {@code /retrieval}, whose search embeds the query on the calling thread.
   *
   * @throws ApiException at once for a request that fails validation (a failed future carries
   *     the library's and the store's failures)
   */
  CompletableFuture<Reply> handleAsync(
      Route route, String method, Query query, Supplier<JsonNode> body) {
    switch (route.endpoint()) {
      case HEALTH:
        return CompletableFuture.completedFuture(Reply.ok(Map.of("now", clock.millis())));
      case SESSIONS:
        return sessions(query);
      case MEMORY:
        switch (method) {
          case "GET":
          case "HEAD":
            return memory(route.sessionId());
          case "POST":
            return postMemory(route.sessionId(), query, body.get());
          default:
            return deleteMemory(route.sessionId());
        }
      case RETRIEVAL:
        return CompletableFuture.completedFuture(retrieval(route.sessionId(), body));
      default:
        throw new IllegalStateException("No handler for " + route.endpoint());
    }
  }

  /** {@code GET /sessions?page&size&namespace}: ids, least recently written first. */
  private CompletableFuture<Reply> sessions(Query query) {
    int page = query.integer("page", 1, 1, Integer.MAX_VALUE);
    int size = query.integer("size", 10, 1, 100);
    return client.sessionsAsync(namespace(query), page, size, SessionOrder.LEAST_RECENT_FIRST)
        .thenApply(Reply::ok);
  }

  /** {@code GET /sessions/{id}/memory}: the window newest first, the summary and its tokens. */
  private CompletableFuture<Reply> memory(String sessionId) {
    return client.session(sessionId).memoryAsync().thenApply(MemoryApi::memoryJson);
  }

  private static Reply memoryJson(Memory memory) {
    List<Message> oldestFirst = memory.messages();
    List<Map<String, String>> newestFirst = new ArrayList<>(oldestFirst.size());
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      Message m = oldestFirst.get(i);
      Map<String, String> json = new LinkedHashMap<>();
      json.put("role", m.role());
      json.put("content", m.content());
      newestFirst.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("messages", newestFirst);
    json.put("context", memory.summary().orElse(null));
    json.put("tokens", memory.summarizerTokensUsed());
    return Reply.ok(json);
  }

  /**
   * {@code POST /sessions/{id}/memory[?namespace]}: appends the messages in the order posted and,
   * when a context is given, replaces the summary by it, all in one atomic store write: both or
   * neither. Empty messages and no context write nothing.
   */
  private CompletableFuture<Reply> postMemory(String sessionId, Query query, JsonNode body) {
    RequestBodies.PostedMemory posted = RequestBodies.postedMemory(body);
    SessionMemory session = client.session(sessionId).inNamespace(namespace(query));
    CompletableFuture<Void> written = posted.context() != null
        ? session.addWithContextAsync(posted.context(), posted.messages())
        : session.addAsync(posted.messages());
    return written.thenApply(done -> Reply.ok(OK));
  }

  /**
   * {@code DELETE /sessions/{id}/memory}: removes the session's messages, summary, tokens,
   * long-term memory and every index entry. The {@code namespace} parameter is accepted and not
   * needed: the session leaves every namespace's listing.
   */
  private CompletableFuture<Reply> deleteMemory(String sessionId) {
    return client.session(sessionId).deleteAsync().thenApply(existed -> Reply.ok(OK));
  }

  /** {@code POST /sessions/{id}/retrieval}: the nearest messages, nearest first (blocking). */
  private Reply retrieval(String sessionId, Supplier<JsonNode> body) {
    if (!client.longTermMemoryEnabled()) {
      throw ApiException.badRequest("Long term memory is disabled");
    }
    String text = RequestBodies.retrievalText(body.get());
    List<Map<String, Object>> results = new ArrayList<>();
    for (SearchHit r : client.session(sessionId).search(text, SEARCH_RESULTS)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("role", r.role());
      json.put("content", r.content());
      json.put("dist", r.distance());
      results.add(json);
    }
    return Reply.ok(results);
  }

  /** The {@code namespace} parameter; absent or empty means the default namespace. */
  private static String namespace(Query query) {
    String namespace = query.get("namespace");
    return namespace == null ? MessageStore.DEFAULT_NAMESPACE : namespace;
  }
}
