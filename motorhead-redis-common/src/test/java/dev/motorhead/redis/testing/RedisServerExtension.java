package dev.motorhead.redis.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for the tests of one class: started before the first test on a
 * free loopback port, killed after the last. Uses {@code redis-server} from the PATH, else the
 * binary embedded-redis ships (see {@code RedisBinary}), else, for a plain standalone server
 * only, a {@code redis:7.0} container through Testcontainers when a Docker engine answers
 * (cluster, TLS and restart fixtures need a binary). When no Redis can be started the
 * class's tests are skipped, unless the environment has {@code CI=true}: then they fail.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = RedisServerExtension.standalone();
 *
 * @Test
 * void something() {
 *   MessageStore store = LettuceMessageStore.create(REDIS.server().url());
 * }
 * }</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final Kind kind;
  private RedisServer server;
  private RedisCluster cluster;

  private enum Kind {
    PLAIN,
    APPEND_ONLY,
    TLS,
    CLUSTER
  }

  private RedisServerExtension(Kind kind) {
    this.kind = kind;
  }

  /** One server, no persistence. */
  public static RedisServerExtension standalone() {
    return new RedisServerExtension(Kind.PLAIN);
  }

  /** One server with AOF and {@code appendfsync always}, for crash and restart tests. */
  public static RedisServerExtension appendOnly() {
    return new RedisServerExtension(Kind.APPEND_ONLY);
  }

  /** One server speaking TLS only, with a CA generated for the test. */
  public static RedisServerExtension tls() {
    return new RedisServerExtension(Kind.TLS);
  }

  /** Three masters forming a Redis Cluster. */
  public static RedisServerExtension cluster() {
    return new RedisServerExtension(Kind.CLUSTER);
  }

  /** The server; for {@link #cluster()}, its first node. */
  public RedisServer server() {
    return kind == Kind.CLUSTER ? cluster.nodes().get(0) : server;
  }

  /** The cluster of a {@link #cluster()} extension. */
  public RedisCluster redisCluster() {
    if (cluster == null) {
      throw new IllegalStateException("not a cluster fixture");
    }
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!RedisServer.available()) {
      if (kind == Kind.PLAIN && RedisContainer.dockerAvailable()) {
        server = RedisContainer.start();
        return;
      }
      unavailable("no redis-server on the PATH and no embedded-redis binary for this platform"
          + (kind == Kind.PLAIN ? ", and no Docker engine" : ""));
    }
    switch (kind) {
      case PLAIN -> server = RedisServer.builder().start();
      case APPEND_ONLY -> server = RedisServer.builder().appendOnly(true).start();
      case CLUSTER -> cluster = RedisCluster.start();
      case TLS -> {
        if (!TlsCertificates.opensslAvailable()) {
          unavailable("openssl is needed to generate the test certificates");
        }
        RedisServer tlsServer = RedisServer.builder().tls(TlsCertificates.generate()).build();
        try {
          server = tlsServer.start();
        } catch (IllegalStateException e) {
          unavailable("this redis-server cannot serve TLS: " + e.getMessage());
        }
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.destroy();
    }
    if (cluster != null) {
      cluster.stop();
    }
  }

  private static void unavailable(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(why + " (CI=true: Redis tests must run)");
    }
    Assumptions.abort(why);
  }
}
