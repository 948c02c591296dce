package dev.motorhead.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.motorhead.MemoryClient;
import dev.motorhead.ModelException;
import dev.motorhead.StoreException;
import dev.motorhead.examples.server.MemoryApi.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Motorhead-compatible HTTP server: Motorhead's REST API over a {@link MemoryClient}, on
 * Jetty, so existing Motorhead clients (LangChain's {@code MotorheadMemory}, curl scripts) work
 * unchanged; plus liveness ({@code /healthz}), readiness ({@code /readyz}) and Prometheus
 * metrics ({@code /metrics}).
 *
 * <p>Jetty's threads only move bytes: they parse requests and read bodies without blocking, and
 * hand each request to a bounded pool of {@link ServerConfig#workerThreads()} workers with a queue
 * of {@link ServerConfig#workerQueue()}; on a store that never blocks (Lettuce with background
 * compaction) they call the library's asynchronous API instead, with no worker in between, and
 * as many requests in hand at most. A request with no room in the queue, or that waited
 * longer than {@link ServerConfig#queueTimeout()}, is answered 503 with {@code Retry-After}. A
 * connection idle for {@link ServerConfig#idleTimeout()}, or whose headers take longer than
 * {@link ServerConfig#headerTimeout()}, is closed; a body slower than
 * {@link ServerConfig#bodyTimeout()} is answered 408; bodies above
 * {@link ServerConfig#maxBodyBytes()} 413; at most {@link ServerConfig#maxConnections()}
 * connections are open at once. Every answer is JSON written in one piece (headers and body in
 * one write), so keep-alive clients never wait on Nagle's algorithm.
 *
 * <p>Errors: 400 only for a request that fails validation, naming what is wrong; 5xx for the
 * server side: 503 when the store fails, 502 when the model does, 500 with a generic body for
 * anything else (a bug), each logged as one line.
 *
 * <pre>{@code
 * try (MotorheadServer server = MotorheadServer.start(Map.of("PORT", "0"))) {
 *   System.out.println("listening on " + server.port());
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #close()} stops taking requests (new ones are answered 503 and their
 * connections closed), waits up to {@link ServerConfig#shutdownTimeout()} for those in flight,
 * then stops Jetty and closes what {@link #start(Map)} built (store, models, client), all within
 * that one budget. Thread-safe.
 */
public final class MotorheadServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MotorheadServer.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final String NOT_FOUND_ROUTE = "NOT_FOUND";
  /** The session a readiness check reads: nothing is ever written to it. */
  private static final String READINESS_PROBE = "motorhead:readiness-probe";

  private final ServerConfig config;
  private final MemoryClient client;
  private final MemoryApi api;
  private final ServerMetrics metrics;
  private final boolean ownsMetrics;
  private final boolean nonBlockingStore;
  private final Server jetty;
  private final ServerConnector connector;
  private final HeaderTimeouts headerTimeouts;
  private final ThreadPoolExecutor workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean closing;
  private int port;
  /** What {@link #start(Map)} built, closed after the server; null when the caller owns it. */
  private Backend backend;

  private MotorheadServer(ServerConfig config, MemoryClient client, ServerMetrics metrics,
      boolean ownsMetrics, boolean nonBlockingStore) {
    this.config = config;
    this.nonBlockingStore = nonBlockingStore;
    this.client = client;
    this.api = new MemoryApi(client, Clock.systemUTC());
    this.metrics = metrics;
    this.ownsMetrics = ownsMetrics;
    BlockingQueue<Runnable> queue = config.workerQueue() == 0
        ? new SynchronousQueue<>()
        : new ArrayBlockingQueue<>(config.workerQueue());
    this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0,
        TimeUnit.SECONDS, queue, threads("motorhead-http"), new ThreadPoolExecutor.AbortPolicy());

    QueuedThreadPool io = new QueuedThreadPool(32, 4);
    io.setName("motorhead-jetty");
    this.jetty = new Server(io);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setIdleTimeout(config.idleTimeout().toMillis());
    // The server routes on the raw path itself and serves no files: session ids may hold any
    // character, %2F, %25, "..", "//" and backslashes included.
    http.setUriCompliance(UriCompliance.UNSAFE);
    this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(config.idleTimeout().toMillis());
    connector.setAcceptedTcpNoDelay(true);
    this.headerTimeouts = new HeaderTimeouts(config.headerTimeout(), metrics::headerTimedOut);
    connector.addBean(headerTimeouts);
    jetty.addConnector(connector);
    jetty.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
    jetty.setErrorHandler(new JsonErrors());
    jetty.setHandler(new Dispatcher());
    jetty.setStopTimeout(0);
    metrics.bindServer(() -> connector.getConnectedEndPoints().size(), inFlight::get,
        () -> workers.getQueue().size());
  }

  /**
   * Starts the server as {@code java -jar} does, from the environment variables {@link Main}
   * reads (see {@code docs/server.md}; an empty map gives the defaults: the in-memory store, the
   * offline summarizer, window 12, port 8080, and {@code PORT=0} picks a free port). The server
   * owns what it builds: {@link #close()} closes the store and the model clients too.
   *
   * @param environment the variables, such as {@link System#getenv()}
   * @throws ConfigException if a variable is invalid or names something unavailable
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static MotorheadServer start(Map<String, String> environment) {
    ServerConfig config = ServerConfig.fromEnv(environment);
    Backend backend = Backend.open(config);
    try {
      MotorheadServer server = start(config, backend);
      server.backend = backend;
      return server;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /**
   * Binds {@link ServerConfig#host()}:{@link ServerConfig#port()} (0 picks a free port) and starts
   * answering, with meters of its own. The client stays open: it is the caller's to close.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  static MotorheadServer start(ServerConfig config, MemoryClient client) {
    return start(config, client, new ServerMetrics(), true, false);
  }

  /**
   * Starts the server on a backend, as {@code java -jar} does: reporting on the backend's meters
   * (with the library's), and answering on Jetty's threads without workers when its store never
   * blocks (Lettuce with background compaction). The backend stays open: close it after the
   * server.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  static MotorheadServer start(ServerConfig config, Backend backend) {
    return start(config, backend.client(), backend.metrics(), false, backend.nonBlocking());
  }

  private static MotorheadServer start(ServerConfig config, MemoryClient client,
      ServerMetrics metrics, boolean ownsMetrics, boolean nonBlockingStore) {
    MotorheadServer server =
        new MotorheadServer(config, client, metrics, ownsMetrics, nonBlockingStore);
    try {
      server.jetty.start();
    } catch (Exception e) {
      server.stopJetty();
      server.workers.shutdownNow();
      throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port()
          + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
    server.port = server.connector.getLocalPort();
    server.headerTimeouts.start(server.jetty.getScheduler());
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /**
   * The memory client it serves; the same sessions are reachable in process through it. Closed
   * by {@link #close()} when {@link #start(Map)} built it.
   */
  public MemoryClient client() {
    return client;
  }

  ServerConfig config() {
    return config;
  }

  /** What {@link #start(Map)} built; null when the server was given a client. */
  Backend backend() {
    return backend;
  }

  /**
   * Stops taking requests (new ones are answered 503), waits up to the shutdown timeout for those
   * in flight, then stops listening and closes every connection; then lets compactions and
   * indexing finish and closes what {@link #start(Map)} built, by the same deadline. Idempotent.
   */
  @Override
  public void close() {
    close(System.nanoTime() + config.shutdownTimeout().toNanos());
  }

  /** {@link #close()} with a deadline on {@link System#nanoTime()} instead of the timeout. */
  void close(long deadlineNanos) {
    synchronized (drained) {
      if (closing) {
        return;
      }
      closing = true;
      try {
        while (inFlight.get() > 0) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            log.warn("{} requests still running at the end of the shutdown budget ({});"
                + " closing their connections", inFlight.get(), config.shutdownTimeout());
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    headerTimeouts.stop();
    stopJetty();
    workers.shutdownNow();
    if (ownsMetrics) {
      metrics.close();
    }
    if (backend != null) {
      backend.close(deadlineNanos);
    }
  }

  private void stopJetty() {
    try {
      jetty.stop();
    } catch (Exception e) {
      log.warn("Stopping the HTTP server failed: {}", e.toString());
    }
  }

  /**
   * Routes each request on the Jetty thread that parsed it, without blocking: cheap answers at
   * once, everything that touches the store on a worker.
   */
  private final class Dispatcher extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Exchange exchange = new Exchange(request, response, callback);
      String method = request.getMethod();
      String rawPath = request.getHttpURI().getPath();
      Route route;
      try {
        route = Route.parse(rawPath);
      } catch (ApiException e) {
        exchange.send(error(e.status(), e.getMessage()));
        return true;
      }
      if (route == null) {
        exchange.send(error(404, "Not found: " + method + " " + rawPath
            + " (the API is GET /, GET /sessions, GET|POST|DELETE /sessions/{id}/memory,"
            + " POST /sessions/{id}/retrieval; health: GET /healthz, GET /readyz;"
            + " GET /metrics)"));
        return true;
      }
      exchange.route = route.endpoint().template();
      if (!route.endpoint().allows(method)) {
        String allowed = String.join(", ", route.endpoint().methods());
        exchange.send(error(405, "Method " + method + " is not allowed on "
            + route.endpoint().template() + "; allowed: " + allowed).with("Allow", allowed));
        return true;
      }
      switch (route.endpoint()) {
        case LIVENESS:
          exchange.send(Answer.json(200, Map.of("status", "ok")));
          return true;
        case METRICS:
          // on Jetty's pool, not the workers: a scrape still answers when every worker is busy
          jetty.getThreadPool().execute(() -> exchange.send(new Answer(200, PROMETHEUS,
              metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of())));
          return true;
        default:
          break;
      }
      inFlight.incrementAndGet();
      exchange.counted = true;
      if (closing && route.endpoint() != Route.Endpoint.READINESS) {
        exchange.send(error(503, "The server is shutting down")
            .with(HttpHeader.CONNECTION.asString(), HttpHeaderValue.CLOSE.asString()));
        return true;
      }
      if (method.equals("POST")) {
        BodyReader.read(request, config.maxBodyBytes(), config.bodyTimeout(), jetty.getScheduler(),
            body -> dispatch(exchange, route, body),
            e -> {
              if (e.status() == 408) {
                metrics.bodyTimedOut();
              }
              exchange.send(error(e.status(), e.getMessage())
                  .with(HttpHeader.CONNECTION.asString(), HttpHeaderValue.CLOSE.asString()));
            });
      } else {
        dispatch(exchange, route, new byte[0]);
      }
      return true;
    }
  }

  /**
   * Answers the request: on a worker, or, when the store never blocks, right here with the
   * library's asynchronous calls (the answer is then written from the thread that completes
   * them). Either way at most {@code MOTORHEAD_WORKER_THREADS + MOTORHEAD_WORKER_QUEUE} requests
   * are in hand; past that a request is answered 503 at once. From here on the idle timeout no
   * longer applies to the request (it is for clients that stop sending): the Redis timeout, the
   * model client's and the queue timeout bound the answer instead, so a slow answer (a
   * synchronous compaction on a slow model) is not cut off.
   */
  private void dispatch(Exchange exchange, Route route, byte[] body) {
    exchange.request.addIdleTimeoutListener(timeout -> false);
    boolean blocking = route.endpoint() == Route.Endpoint.RETRIEVAL
        || route.endpoint() == Route.Endpoint.READINESS;
    if (nonBlockingStore && !blocking) {
      if (inFlight.get() > config.workerThreads() + config.workerQueue()) {
        metrics.rejected();
        exchange.send(busy());
        return;
      }
      answerAsync(exchange, route, body);
      return;
    }
    long queuedAt = System.nanoTime();
    try {
      workers.execute(() -> {
        if (System.nanoTime() - queuedAt > config.queueTimeout().toNanos()) {
          metrics.rejected();
          exchange.send(busy());
          return;
        }
        exchange.send(answer(exchange.request, route, body));
      });
    } catch (RejectedExecutionException e) {
      metrics.rejected();
      exchange.send(workers.isShutdown() ? error(503, "The server is shutting down") : busy());
    }
  }

  private static Answer busy() {
    return error(503, "The server is busy; try again shortly").with("Retry-After", "1");
  }

  /** Answers a request on a worker thread, mapping every failure to its status. */
  private Answer answer(Request request, Route route, byte[] body) {
    try {
      if (route.endpoint() == Route.Endpoint.READINESS) {
        return readiness();
      }
      Reply reply = api.handle(route, request.getMethod(),
          Query.parse(request.getHttpURI().getQuery()), () -> Json.parseObject(body));
      return Answer.json(reply.status(), reply.body());
    } catch (RuntimeException e) {
      return failed(request, e);
    }
  }

  /**
   * Answers a request without blocking. The answer is built and sent on Jetty's pool when the
   * library's calls complete, not on the thread that completes them: that is the Redis client's
   * I/O thread, which must stay free for Redis (measured: 0.63x of the in-process turn at 64
   * connections this way, 0.42x writing answers from Lettuce's event loop).
   */
  private void answerAsync(Exchange exchange, Route route, byte[] body) {
    Request request = exchange.request;
    CompletableFuture<Reply> reply;
    try {
      reply = api.handleAsync(route, request.getMethod(),
          Query.parse(request.getHttpURI().getQuery()), () -> Json.parseObject(body));
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenCompleteAsync((answered, failure) -> exchange.send(failure == null
        ? Answer.json(answered.status(), answered.body())
        : failed(request, failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure)), jetty.getThreadPool());
  }

  /** The answer to a failure: its status, one log line for a server-side failure. */
  private static Answer failed(Request request, Throwable failure) {
    String method = request.getMethod();
    String rawPath = request.getHttpURI().getPath();
    if (failure instanceof ApiException e) {
      return error(e.status(), e.getMessage());
    }
    if (failure instanceof StoreException) {
      log.warn("{} {} -> 503: the store failed: {}", method, rawPath, Failures.summary(failure));
      log.debug("The store failure on {} {}", method, rawPath, failure);
      return error(503, "The memory store is unavailable; try again");
    }
    if (failure instanceof ModelException) {
      log.warn("{} {} -> 502: the model provider failed: {}", method, rawPath,
          Failures.summary(failure));
      log.debug("The model failure on {} {}", method, rawPath, failure);
      return error(502, "The model provider failed; try again");
    }
    // a bug, a library argument error included: every request input is validated before it
    // reaches the library
    return internalError(method, rawPath, failure);
  }

  /** An unexpected failure: a generic 500, one log line, the stack trace at DEBUG. */
  private static Answer internalError(String method, String rawPath, Throwable e) {
    log.error("{} {} -> 500: {}", method, rawPath, Failures.withOrigin(e));
    log.debug("The internal error on {} {}", method, rawPath, e);
    return error(500, "Internal error");
  }

  /**
   * {@code GET /readyz}: whether this server should get traffic: it is not shutting down, and
   * the store answers a read within the Redis timeout. Each part says whether it is up.
   */
  private Answer readiness() {
    Map<String, Object> checks = new LinkedHashMap<>();
    boolean ready = true;
    if (closing) {
      checks.put("http", Map.of("status", "down", "reason", "shutting down"));
      ready = false;
    } else {
      checks.put("http", Map.of("status", "up"));
    }
    long started = System.nanoTime();
    try {
      client.session(READINESS_PROBE).memoryAsync()
          .get(config.redisTimeout().toMillis(), TimeUnit.MILLISECONDS);
      checks.put("store", Map.of("status", "up",
          "millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      checks.put("store", Map.of("status", "down", "reason", "interrupted"));
      ready = false;
    } catch (Exception e) {
      checks.put("store", Map.of("status", "down", "reason", Failures.kind(e)));
      ready = false;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "ready" : "unavailable");
    if (!ready) {
      body.put("error", "Not ready: " + String.join(", ", down(checks)) + " down");
    }
    body.put("checks", checks);
    return Answer.json(ready ? 200 : 503, body);
  }

  private static List<String> down(Map<String, Object> checks) {
    List<String> down = new ArrayList<>();
    checks.forEach((name, check) -> {
      if ("down".equals(((Map<?, ?>) check).get("status"))) {
        down.add(name);
      }
    });
    return down;
  }

  private static Answer error(int status, String message) {
    return Answer.json(status, Map.of("error", message));
  }

  /** One response: status, content type, the whole body and extra headers. */
  private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Answer json(int status, Object body) {
      return new Answer(status, JSON, Json.write(body), Map.of());
    }

    Answer with(String header, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(header, value);
      return new Answer(status, contentType, body, more);
    }
  }

  /** One request being answered: sends its answer once, then records and logs it. */
  private final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final long started = System.nanoTime();
    String route = NOT_FOUND_ROUTE;
    boolean counted;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    /** Headers and body in one write: no second small segment for Nagle to hold back. */
    void send(Answer answer) {
      response.setStatus(answer.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
      answer.headers().forEach(response.getHeaders()::put);
      response.write(true, ByteBuffer.wrap(answer.body()), Callback.from(
          () -> {
            callback.succeeded();
            done(answer.status());
          },
          failure -> {
            log.debug("Could not answer {} {}: {}", request.getMethod(),
                request.getHttpURI().getPath(), failure.toString());
            callback.failed(failure);
            done(answer.status());
          }));
    }

    private void done(int status) {
      long nanos = System.nanoTime() - started;
      metrics.request(request.getMethod(), route, status, nanos);
      if (log.isDebugEnabled()) {
        log.debug("{} {} -> {} in {} ms", request.getMethod(), request.getHttpURI().getPath(),
            status, TimeUnit.NANOSECONDS.toMillis(nanos));
      }
      if (counted && inFlight.decrementAndGet() == 0 && closing) {
        synchronized (drained) {
          drained.notifyAll();
        }
      }
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
