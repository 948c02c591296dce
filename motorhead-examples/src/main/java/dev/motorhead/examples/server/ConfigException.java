package dev.motorhead.examples.server;

/**
 * A server setting is invalid or cannot be used. The message names the environment variable and
 * says what it accepts; it never contains a secret. {@link Main} prints it as one line and exits
 * with status 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
