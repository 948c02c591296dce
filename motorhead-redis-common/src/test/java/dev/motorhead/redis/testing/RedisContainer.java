package dev.motorhead.redis.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/** The last resort of the standalone fixture: Redis 7.0 in a container, when Docker answers. */
final class RedisContainer {
  private static final int REDIS_PORT = 6379;

  private RedisContainer() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by the returned server's destroy()
  static RedisServer start() {
    GenericContainer<?> container =
        new GenericContainer<>("redis:7.0").withExposedPorts(REDIS_PORT);
    container.start();
    return RedisServer.attached(container.getMappedPort(REDIS_PORT), container::stop);
  }
}
