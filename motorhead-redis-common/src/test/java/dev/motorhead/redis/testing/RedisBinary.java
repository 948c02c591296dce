package dev.motorhead.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a {@code redis-server} executable: the system property {@code motorhead.redis.server}
 * (a path, or {@code embedded} to force the next option), else {@code redis-server} on the
 * PATH, else the Redis 7.0.15 binary that {@code org.signal:embedded-redis} ships for linux and
 * macOS on amd64/arm64, extracted once per JVM.
 */
final class RedisBinary {
  private static final String PROPERTY = "motorhead.redis.server";
  private static Optional<Path> found;

  private RedisBinary() {}

  static synchronized Optional<Path> locate() {
    if (found == null) {
      found = search();
    }
    return found;
  }

  static Optional<Path> search() {
    return search(System.getProperty(PROPERTY, ""));
  }

  /** @param forced a path, {@code embedded}, or empty to search the PATH first */
  static Optional<Path> search(String forced) {
    if (!forced.isEmpty() && !forced.equals("embedded")) {
      return Optional.of(Path.of(forced));
    }
    if (forced.isEmpty()) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return embedded();
  }

  private static Optional<Path> embedded() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String osName = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
    String archName =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "amd64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : null;
    if (osName == null || archName == null) {
      return Optional.empty();
    }
    String resource = "redis-server-7.0.15-" + osName + "-" + archName;
    try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Path file = Files.createTempFile("motorhead-redis-server-", "");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      if (!file.toFile().setExecutable(true)) {
        return Optional.empty();
      }
      file.toFile().deleteOnExit();
      return Optional.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource, e);
    }
  }
}
