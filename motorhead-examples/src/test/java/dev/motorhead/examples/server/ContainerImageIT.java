package dev.motorhead.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image Jib wrote to {@code target/motorhead-server-image.tar} (profile
 * {@code image} only): its config says what a container runtime will do, and the image runs,
 * without Docker: its layers unpacked into a root file system and its entrypoint started there
 * with {@code chroot} as the image's user (root is needed for that, as for building the base).
 */
class ContainerImageIT {
  private static final Path IMAGE = Path.of("target", "motorhead-server-image.tar");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path unpacked;
  private static JsonNode config;

  @BeforeAll
  static void unpack() throws Exception {
    assertThat(IMAGE).as("built by `./mvnw -Pimage package`").exists();
    unpacked = Files.createTempDirectory("motorhead-image-");
    run("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", unpacked.toString());
    JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    config = JSON.readTree(unpacked.resolve(manifest.path("Config").asText()).toFile());
  }

  @Test
  void itRunsTheServerAsANonRootUserOnPort8080ConfiguredByTheEnvironment() {
    JsonNode container = config.path("config");

    assertThat(container.path("User").asText()).isEqualTo("10001:10001");
    assertThat(container.path("ExposedPorts").has("8080/tcp")).isTrue();
    List<String> entrypoint = texts(container.path("Entrypoint"));
    assertThat(entrypoint).first().isEqualTo("java");
    assertThat(entrypoint).last().isEqualTo("dev.motorhead.examples.server.Main");
    assertThat(texts(container.path("Env")))
        .as("no setting baked in: the server reads the same variables as the jar")
        .noneMatch(env -> env.startsWith("MOTORHEAD_") || env.startsWith("REDIS_")
            || env.startsWith("OPENAI_") || env.startsWith("PORT="));
    assertThat(config.path("os").asText()).isEqualTo("linux");
  }

  @Test
  void itsEntrypointServesTheApiAsItsUserAndStopsWithStatus0OnSigterm() throws Exception {
    JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    Path root = Files.createTempDirectory("motorhead-rootfs-");
    for (JsonNode layer : manifest.path("Layers")) {
      run("tar", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", root.toString());
    }
    run("mount", "-t", "proc", "proc", root.resolve("proc").toString());
    run("mount", "--bind", "/dev", root.resolve("dev").toString());
    try {
      List<String> command = new ArrayList<>(List.of("chroot",
          "--userspec=" + config.path("config").path("User").asText(), root.toString(), "env",
          "-i"));
      command.addAll(texts(config.path("config").path("Env")));
      command.addAll(List.of("PORT=0", "MOTORHEAD_HOST=127.0.0.1"));
      command.addAll(texts(config.path("config").path("Entrypoint")));
      ServerProcess server = ServerProcess.start(new ProcessBuilder(command));
      try {
        String base = server.baseUrl();
        HttpClient http = HttpClient.newHttpClient();
        var posted = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/img/memory"))
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"messages\": [{\"role\": \"Human\", \"content\": \"from the image\"}]}"))
            .build(), BodyHandlers.ofString());
        var memory = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/img/memory"))
            .build(), BodyHandlers.ofString());
        var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
            BodyHandlers.ofString());

        assertThat(posted.body()).isEqualTo("{\"status\":\"Ok\"}");
        assertThat(memory.body()).contains("from the image");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(composeHealthCheck(root, server.port()).waitFor())
            .as("docker-compose.yml's health check, run in the image, finds it ready").isZero();
        // chroot and env exec the entrypoint: the process is the JVM itself
        assertThat(Files.readAllLines(
            Path.of("/proc", Long.toString(server.process.pid()), "status")))
            .as("the JVM runs as the image's user, not root")
            .anyMatch(line -> line.matches("Uid:\\s+10001\\s+10001\\s+10001\\s+10001"));
      } finally {
        server.sigterm();
      }
      assertThat(server.awaitExit()).isZero();
      assertThat(server.log).anyMatch(line -> line.endsWith("Stopped"));
    } finally {
      // lazily: a failed assertion above must not be hidden by a mount still in use
      new ProcessBuilder("umount", "-l", root.resolve("dev").toString()).start().waitFor();
      new ProcessBuilder("umount", "-l", root.resolve("proc").toString()).start().waitFor();
      new ProcessBuilder("rm", "-rf", "--one-file-system", root.toString()).start().waitFor();
    }
  }

  /**
   * The server's health check in src/image/docker-compose.yml (a bash one-liner, since the image
   * has no curl), run inside the image against the port the server listens on here.
   */
  private static Process composeHealthCheck(Path root, int port) throws IOException {
    String compose = Files.readString(Path.of("src", "image", "docker-compose.yml"));
    Matcher m = Pattern.compile("\\[\"CMD\", \"bash\", \"-c\", \"(.*)\"\\]").matcher(compose);
    assertThat(m.find()).as("a bash health check in docker-compose.yml").isTrue();
    String check = m.group(1).replace("\\\\", "\\").replace("/8080", "/" + port);
    return new ProcessBuilder("chroot", "--userspec=10001:10001", root.toString(), "bash", "-c",
        check).inheritIO().start();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
