package dev.motorhead.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisBinaryIT {

  @Test
  void withoutARedisOnThePathTheBinaryEmbeddedRedisShipsRunsHere() throws Exception {
    Optional<Path> embedded = RedisBinary.search("embedded");
    assumeTrue(embedded.isPresent(), "embedded-redis ships no binary for this platform");

    Process p = new ProcessBuilder(embedded.get().toString(), "--version").start();

    assertThat(new String(p.getInputStream().readAllBytes())).contains("v=7.0.15");
  }
}
