package dev.motorhead.spring.boot;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which Redis the store uses: {@code motorhead.redis.url} when set, else Spring Boot's own
 * {@code spring.data.redis.*} (url, or host, port, username, password, database, ssl.enabled,
 * client-name; cluster.nodes for a Redis Cluster). Read from the environment, so Spring Boot's
 * Redis module need not be on the class path. Sentinel and SSL bundles are not supported.
 *
 * @param uris one URI, or the seed nodes of a cluster
 * @param cluster whether the URIs name a Redis Cluster
 * @param source the properties the settings came from, for the startup line
 */
record RedisSettings(List<RedisURI> uris, boolean cluster, String source) {
  private static final String BOOT = "spring.data.redis";

  /** Whether either set of properties names a Redis. */
  static boolean configured(Environment env) {
    return has(env, "motorhead.redis.url") || bootConfigured(env);
  }

  private static boolean bootConfigured(Environment env) {
    return has(env, BOOT + ".url") || has(env, BOOT + ".host") || has(env, BOOT + ".port")
        || !clusterNodes(env).isEmpty();
  }

  /**
   * @throws IllegalStateException naming the property when neither names a Redis, or a value
   *     cannot be used
   */
  static RedisSettings resolve(MotorheadProperties properties, Environment env) {
    MotorheadProperties.Redis redis = properties.getRedis();
    if (redis.getUrl() != null) {
      RedisURI uri = parse(redis.getUrl(), "motorhead.redis.url");
      return new RedisSettings(List.of(uri), redis.isCluster(), "motorhead.redis.url");
    }
    if (!bootConfigured(env)) {
      throw new IllegalStateException("motorhead.store=redis needs motorhead.redis.url or "
          + "spring.data.redis.* (url, host, port or cluster.nodes)");
    }
    if (has(env, BOOT + ".sentinel.master")) {
      throw new IllegalStateException("spring.data.redis.sentinel is not supported by Motorhead: "
          + "set motorhead.redis.url to the master, or a Redis Cluster node with "
          + "motorhead.redis.cluster=true");
    }
    List<String> nodes = clusterNodes(env);
    if (!nodes.isEmpty()) {
      List<RedisURI> uris = new ArrayList<>();
      for (String node : nodes) {
        uris.add(withCredentials(hostAndPort(node), env));
      }
      return new RedisSettings(uris, true, BOOT + ".cluster.nodes");
    }
    if (has(env, BOOT + ".url")) {
      RedisURI uri = parse(env.getProperty(BOOT + ".url"), BOOT + ".url");
      return new RedisSettings(List.of(uri), redis.isCluster(), BOOT + ".url");
    }
    String host = env.getProperty(BOOT + ".host", "localhost");
    int port = integer(env, BOOT + ".port", 6379);
    RedisURI uri = withCredentials(RedisURI.create(host, port), env);
    uri.setDatabase(integer(env, BOOT + ".database", 0));
    return new RedisSettings(List.of(uri), redis.isCluster(), BOOT + ".host/port");
  }

  private static RedisURI withCredentials(RedisURI uri, Environment env) {
    String user = env.getProperty(BOOT + ".username");
    String password = env.getProperty(BOOT + ".password");
    if (password != null && !password.isEmpty()) {
      if (user != null && !user.isBlank()) {
        uri.setAuthentication(user, password);
      } else {
        uri.setAuthentication(password);
      }
    }
    if (Boolean.parseBoolean(env.getProperty(BOOT + ".ssl.enabled", "false"))) {
      uri.setSsl(true);
    }
    String clientName = env.getProperty(BOOT + ".client-name");
    if (clientName != null && !clientName.isBlank()) {
      uri.setClientName(clientName);
    }
    return uri;
  }

  private static RedisURI hostAndPort(String node) {
    String n = node.strip();
    int colon = n.lastIndexOf(':');
    if (colon <= 0 || colon == n.length() - 1) {
      throw new IllegalStateException(
          "spring.data.redis.cluster.nodes must hold host:port entries, was \"" + n + "\"");
    }
    try {
      return RedisURI.create(n.substring(0, colon), Integer.parseInt(n.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "spring.data.redis.cluster.nodes must hold host:port entries, was \"" + n + "\"");
    }
  }

  private static RedisURI parse(String url, String property) {
    try {
      return RedisURI.create(url);
    } catch (IllegalArgumentException | RedisException e) {
      // the URL may hold a password: never repeat it
      throw new IllegalStateException(property + " is not a valid Redis URL "
          + "(redis://[user:password@]host[:port][/database], or rediss:// for TLS)");
    }
  }

  private static List<String> clusterNodes(Environment env) {
    return Binder.get(env)
        .bind(BOOT + ".cluster.nodes", Bindable.listOf(String.class))
        .orElse(List.of());
  }

  private static int integer(Environment env, String property, int otherwise) {
    String value = env.getProperty(property);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(property + " must be an integer, was \"" + value + "\"");
    }
  }

  private static boolean has(Environment env, String property) {
    String value = env.getProperty(property);
    return value != null && !value.isBlank();
  }

  /** Where it points, without credentials. */
  String describe() {
    StringBuilder sb = new StringBuilder(cluster ? "Redis Cluster " : "Redis ");
    for (int i = 0; i < uris.size(); i++) {
      RedisURI u = uris.get(i);
      sb.append(i == 0 ? "" : ",").append(u.isSsl() ? "rediss://" : "redis://")
          .append(u.getHost()).append(':').append(u.getPort());
    }
    return sb.append(" (from ").append(source).append(')').toString();
  }
}
