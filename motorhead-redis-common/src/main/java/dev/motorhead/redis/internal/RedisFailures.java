package dev.motorhead.redis.internal;

import dev.motorhead.StoreException;

/**
 * Failures of the drivers told in words an operator acts on: a refused password reads as an
 * authentication failure, not as the "unable to connect" the driver reports with the reason
 * nested in its causes. Part of the contract between the store and the driver adapters; not
 * meant for applications.
 *
 * <p>Internal: not part of the public API; it may change in any release without notice.
 */
public final class RedisFailures {
  private RedisFailures() {}

  /**
   * The {@link StoreException} for a store that could not be created, keeping the driver's
   * exception as its cause. Never repeats a password: Redis's error messages hold none, and the
   * drivers' messages quote host and port only.
   *
   * @param failure what the driver threw while connecting
   * @return an exception to throw, naming a refused password as such
   */
  public static StoreException connecting(Throwable failure) {
    String auth = authenticationError(failure);
    if (auth != null) {
      return new StoreException("Redis authentication failed: the user or password was "
          + "refused (" + auth + ")", failure);
    }
    return new StoreException("cannot connect to Redis: " + innermost(failure), failure);
  }

  /** Redis's own words when a failure, or one of its causes, is a refused authentication. */
  public static String authenticationError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("WRONGPASS") || m.contains("NOAUTH")
          || m.contains("invalid password") || m.contains("invalid username-password"))) {
        int at = Math.max(m.indexOf("WRONGPASS"), m.indexOf("NOAUTH"));
        return at >= 0 ? m.substring(at) : m;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String innermost(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == failure ? String.valueOf(failure.getMessage())
        : failure.getMessage() + " (" + t + ")";
  }
}
