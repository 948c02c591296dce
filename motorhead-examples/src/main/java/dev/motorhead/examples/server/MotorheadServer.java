package dev.motorhead.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.motorhead.MemoryClient;
import dev.motorhead.MemoryException;
import dev.motorhead.ModelException;
import dev.motorhead.StoreException;
import dev.motorhead.examples.server.MemoryApi.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Motorhead-compatible HTTP server: Motorhead's REST API over a {@link MemoryClient}, on the
 * JDK's built-in HTTP server, so existing Motorhead clients (LangChain's {@code MotorheadMemory},
 * curl scripts) work unchanged.
 *
 * <p>Requests run on a bounded pool of {@link ServerConfig#workerThreads()} threads with a queue of
 * {@link ServerConfig#workerQueue()}; past that a request is answered 503 at once instead of
 * waiting. Bodies above {@link ServerConfig#maxBodyBytes()} are answered 413. Bad requests are
 * answered 400 with {@code {"error": "..."}}, never 5xx; 5xx means the store or model failed.
 *
 * <pre>{@code
 * try (MemoryClient client = MemoryClient.create();
 *     MotorheadServer server = MotorheadServer.start(ServerConfig.defaults(), client)) {
 *   System.out.println("listening on " + server.port());
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #close()} stops taking requests, waits up to
 * {@link ServerConfig#shutdownTimeout()} for those in flight, then stops the listener. The
 * {@link MemoryClient} stays open: it is the caller's to close. Thread-safe.
 */
public final class MotorheadServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MotorheadServer.class);
  private static final ThreadLocal<Boolean> SHEDDING = ThreadLocal.withInitial(() -> false);

  private final ServerConfig config;
  private final MemoryApi api;
  private final HttpServer http;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor shedder;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean closing;

  private MotorheadServer(ServerConfig config, MemoryClient client, HttpServer http) {
    this.config = config;
    this.api = new MemoryApi(client, Clock.systemUTC());
    this.http = http;
    // A request the workers have no room for is answered 503 by one small thread instead of
    // waiting; if even that one is swamped the connection is closed.
    this.shedder =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
            threads("motorhead-http-busy"), new ThreadPoolExecutor.AbortPolicy());
    BlockingQueue<Runnable> queue = config.workerQueue() == 0
        ? new SynchronousQueue<>()
        : new ArrayBlockingQueue<>(config.workerQueue());
    this.workers =
        new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.SECONDS,
            queue, threads("motorhead-http"), (task, pool) -> shed(task));
  }

  /**
   * Binds {@link ServerConfig#host()}:{@link ServerConfig#port()} (0 picks a free port) and starts
   * answering.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static MotorheadServer start(ServerConfig config, MemoryClient client) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    MotorheadServer server = new MotorheadServer(config, client, http);
    http.createContext("/", server::handle);
    http.setExecutor(server.workers);
    http.start();
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * Stops taking requests (new ones are answered 503), waits up to the shutdown timeout for those
   * in flight, then closes the listener and the worker threads. Idempotent.
   */
  @Override
  public void close() {
    synchronized (drained) {
      if (closing) {
        return;
      }
      closing = true;
      long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
      try {
        while (inFlight.get() > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            log.warn("{} requests still running after {}; closing their connections",
                inFlight.get(), config.shutdownTimeout());
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(drained, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    http.stop(0);
    workers.shutdownNow();
    shedder.shutdownNow();
  }

  private void shed(Runnable exchange) {
    if (workers.isShutdown()) {
      throw new RejectedExecutionException("the server is stopped");
    }
    shedder.execute(() -> {
      SHEDDING.set(true);
      try {
        exchange.run();
      } finally {
        SHEDDING.remove();
      }
    });
  }

  private void handle(HttpExchange exchange) {
    long started = System.nanoTime();
    inFlight.incrementAndGet();
    int status = 0;
    try (exchange) {
      Reply reply;
      if (SHEDDING.get()) {
        reply = error(503, "The server is busy; try again shortly");
        exchange.getResponseHeaders().set("Retry-After", "1");
      } else if (closing) {
        reply = error(503, "The server is shutting down");
        exchange.getResponseHeaders().set("Connection", "close");
      } else {
        reply = answer(exchange);
      }
      status = reply.status();
      send(exchange, reply);
    } catch (IOException e) {
      log.debug("Could not answer {} {}: {}", exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), e.toString());
    } finally {
      if (log.isDebugEnabled()) {
        log.debug("{} {} -> {} in {} ms", exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(), status,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      if (inFlight.decrementAndGet() == 0 && closing) {
        synchronized (drained) {
          drained.notifyAll();
        }
      }
    }
  }

  private Reply answer(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    try {
      Route route = Route.parse(exchange.getRequestURI().getRawPath());
      if (route == null) {
        return error(404, "Not found: " + method + " " + exchange.getRequestURI().getRawPath()
            + " (the API is GET /, GET /sessions, GET|POST|DELETE /sessions/{id}/memory,"
            + " POST /sessions/{id}/retrieval)");
      }
      if (!route.endpoint().methods().contains(method)) {
        exchange.getResponseHeaders().set("Allow", String.join(", ", route.endpoint().methods()));
        return error(405, "Method " + method + " is not allowed on " + route.endpoint().template()
            + "; allowed: " + String.join(", ", route.endpoint().methods()));
      }
      Query query = Query.parse(exchange.getRequestURI().getRawQuery());
      Supplier<JsonNode> body = () -> Json.parseObject(readBody(exchange));
      return api.handle(route, method, query, body);
    } catch (ApiException e) {
      return error(e.status(), e.getMessage());
    } catch (IllegalArgumentException e) {
      // the library rejected an argument (e.g. a blank session id); its message names it
      return error(400, e.getMessage());
    } catch (StoreException e) {
      log.warn("The store failed on {} {}", method, exchange.getRequestURI().getRawPath(), e);
      return error(503, "The memory store is unavailable; try again");
    } catch (ModelException e) {
      log.warn("The model provider failed on {} {}", method, exchange.getRequestURI().getRawPath(),
          e);
      return error(502, "The model provider failed; try again");
    } catch (MemoryException e) {
      log.error("Request failed: {} {}", method, exchange.getRequestURI().getRawPath(), e);
      return error(500, "Internal error");
    } catch (UncheckedIOException e) {
      log.debug("Could not read the request body of {} {}: {}", method,
          exchange.getRequestURI().getRawPath(), e.toString());
      return error(400, "The request body could not be read");
    } catch (RuntimeException e) {
      log.error("Request failed: {} {}", method, exchange.getRequestURI().getRawPath(), e);
      return error(500, "Internal error");
    }
  }

  /** Reads the body up to the limit; one byte more is a 413. */
  private byte[] readBody(HttpExchange exchange) {
    int limit = config.maxBodyBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.strip()) > limit) {
          throw tooLarge(limit);
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Content-Length is not a number");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(413, "The request body is larger than " + limit
        + " bytes (MOTORHEAD_MAX_BODY_BYTES)");
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = Json.write(reply.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Reply error(int status, String message) {
    return new Reply(status, Map.of("error", message));
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
