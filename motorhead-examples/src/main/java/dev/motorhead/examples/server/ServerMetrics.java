package dev.motorhead.examples.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's meters, exposed at {@code /metrics} in Prometheus' text format: HTTP requests by
 * method, route template and status ({@code http_server_requests_seconds}), the server's own
 * gauges and counters ({@code motorhead_http_*}), and the JVM's.
 *
 * <p>The memory library's meters (compactions, summarizer calls, long-term memory indexing) are
 * bound in one place, {@link Backend#open(ServerConfig, ServerMetrics)}, on {@link #registry()}.
 *
 * <p>Thread-safe. {@link #close()} releases the JVM GC listener.
 */
final class ServerMetrics implements AutoCloseable {
  /** Methods that get their own {@code method} tag; any other is counted as {@code OTHER}. */
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter shed;
  private final Counter headerTimeouts;
  private final Counter bodyTimeouts;

  ServerMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    shed = Counter.builder("motorhead.http.requests.rejected")
        .description("Requests answered 503 at once because every worker was busy and the queue"
            + " full")
        .register(registry);
    headerTimeouts = Counter.builder("motorhead.http.timeouts")
        .tag("phase", "header")
        .description("Connections closed because a request's headers took longer than"
            + " MOTORHEAD_HEADER_TIMEOUT")
        .register(registry);
    bodyTimeouts = Counter.builder("motorhead.http.timeouts")
        .tag("phase", "body")
        .description("Requests answered 408 because the body took longer than"
            + " MOTORHEAD_BODY_TIMEOUT or stopped arriving")
        .register(registry);
  }

  /** The registry every meter of this process is on; the library's binder registers here. */
  MeterRegistry registry() {
    return registry;
  }

  /** The gauges the HTTP server reports: open connections, requests running and queued. */
  void bindServer(Supplier<Number> connections, Supplier<Number> active, Supplier<Number> queued) {
    Gauge.builder("motorhead.http.connections", connections)
        .description("Open HTTP connections").register(registry);
    Gauge.builder("motorhead.http.requests.active", active)
        .description("Requests being answered or waiting for a worker").register(registry);
    Gauge.builder("motorhead.http.requests.queued", queued)
        .description("Requests waiting for a worker").register(registry);
  }

  /** Records one answered request. */
  void request(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests answered, by route template and status")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("uri", route)
        .tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void rejected() {
    shed.increment();
  }

  void headerTimedOut() {
    headerTimeouts.increment();
  }

  void bodyTimedOut() {
    bodyTimeouts.increment();
  }

  /** Every meter in Prometheus' text exposition format (version 0.0.4). */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    }
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
  }
}
