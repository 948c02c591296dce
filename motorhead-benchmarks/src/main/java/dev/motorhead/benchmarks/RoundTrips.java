package dev.motorhead.benchmarks;

import dev.motorhead.CompactionMode;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.redis.jedis.JedisMessageStore;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.redis.testing.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts, with {@code MONITOR}, the commands one turn and one compaction send to Redis: the
 * round trips (commands sent by the client, pipelined ones each counted) and the commands their
 * scripts run. Prints every command seen, so a change in the protocol shows at a glance.
 *
 * <pre>
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar dev.motorhead.benchmarks.RoundTrips
 * </pre>
 */
public final class RoundTrips {
  private RoundTrips() {}

  public static void main(String[] args) throws Exception {
    RedisServer redis = RedisServer.builder().start();
    try {
      for (String driver : List.of("lettuce", "jedis")) {
        RedisMessageStore store = driver.equals("lettuce")
            ? LettuceMessageStore.builder(redis.url()).sessionTtl(Duration.ofHours(1)).build()
            : JedisMessageStore.builder(redis.url()).sessionTtl(Duration.ofHours(1)).build();
        try (store;
            MemoryClient client = MemoryClient.builder().store(store).windowSize(12)
                .compactionMode(CompactionMode.SYNC).build()) {
          Conversation conversation = new Conversation();
          SessionMemory session = client.session(driver + "-session");
          for (int i = 0; i < 5; i++) { // 10 messages: the next turn stays within the window
            turn(session, conversation);
          }
          System.out.println("== " + driver + ": one turn within the window");
          watch(redis.port(), () -> turn(session, conversation));
          System.out.println("== " + driver + ": one turn whose add triggers a compaction (SYNC)");
          watch(redis.port(), () -> turn(session, conversation));
        }
      }
    } finally {
      redis.destroy();
    }
  }

  private static void turn(SessionMemory session, Conversation conversation) {
    Conversation.Turn t = conversation.next();
    session.add(Message.of(Message.USER, t.user()), Message.of(Message.ASSISTANT, t.assistant()));
    session.memory();
  }

  private static void watch(int port, Runnable action) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      in.readLine(); // +OK
      action.run();
      Thread.sleep(300);
      try (Socket marker = new Socket("127.0.0.1", port)) { // its PING ends the capture
        marker.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        marker.getOutputStream().flush();
        marker.getInputStream().read();
      }
      List<String> lines = new ArrayList<>();
      for (String line; (line = in.readLine()) != null && !line.contains("\"PING\""); ) {
        lines.add(line);
      }
      int top = 0;
      int inner = 0;
      for (String line : lines) {
        boolean script = line.contains(" lua]");
        if (script) {
          inner++;
        } else {
          top++;
        }
        int cmd = line.indexOf("] \"") + 2;
        String shown = line.substring(cmd, Math.min(line.length(), cmd + 60));
        System.out.println((script ? "      " : "  ") + shown);
      }
      System.out.printf("  -> %d round trip(s) (commands sent), %d commands inside scripts%n%n",
          top, inner);
    }
  }
}
