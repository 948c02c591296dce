package dev.motorhead.examples.server;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A console chat that shows what the memory holds turn by turn: type a line, get a canned
 * assistant reply, and see the window of recent messages and the running summary the older ones
 * were folded into.
 *
 * <p>It reads the same environment variables as the server (so {@code REDIS_URL} or
 * {@code OPENAI_API_KEY} switch the store or summarizer), but defaults to a window of 6 and
 * synchronous compaction so the summary appears after the fourth turn. The assistant's replies are
 * canned: the demo is about memory, not about the chat model. It ends on {@code /quit}, end of
 * input or Ctrl-D.
 *
 * <pre>
 * java -cp motorhead-examples/target/motorhead-server.jar dev.motorhead.examples.server.ChatDemo
 * </pre>
 */
public final class ChatDemo {
  private static final List<String> REPLIES =
      List.of("Got it, I will keep that in mind.", "Understood.", "Noted, go on.",
          "Thanks for telling me.");

  private ChatDemo() {}

  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("MOTORHEAD_MAX_WINDOW_SIZE", "6");
    env.putIfAbsent("MOTORHEAD_COMPACTION", "sync");
    Backend backend;
    try {
      backend = Backend.open(ServerConfig.fromEnv(env));
    } catch (ConfigException e) {
      System.err.println("chat demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (backend) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      run(backend.client(), in, System.out, System.console() == null);
    }
  }

  /**
   * Chats over {@code in} and {@code out} until {@code /quit} or the end of input.
   *
   * @param echo whether to print each line read after the prompt, for input that is not typed at
   *     a terminal (a pipe or a script) and so is not shown by the terminal
   * @throws UncheckedIOException if reading {@code in} fails
   */
  public static void run(MemoryClient client, BufferedReader in, PrintStream out, boolean echo) {
    SessionMemory session = client.session("chat-demo-" + UUID.randomUUID());
    out.println("Motorhead chat demo: session " + session.id() + ", window of "
        + client.windowSize() + " messages. Type a message; /quit or Ctrl-D ends.");
    int turn = 0;
    while (true) {
      out.print("you> ");
      out.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (line == null || line.strip().equals("/quit")) {
        out.println();
        out.println("Bye.");
        return;
      }
      if (echo) {
        out.println(line);
      }
      if (line.isBlank()) {
        continue;
      }
      String reply = REPLIES.get(turn % REPLIES.size());
      turn++;
      out.println("ai > " + reply);
      session.add(Message.of(Message.HUMAN, line.strip()), Message.of(Message.AI, reply));
      show(session.memory(), client.windowSize(), out);
    }
  }

  private static void show(Memory memory, int windowSize, PrintStream out) {
    out.println("  -- window: " + memory.messages().size() + " of at most " + windowSize
        + " messages, oldest first --");
    for (Message m : memory.messages()) {
      out.println("  " + m.role() + ": " + m.content());
    }
    out.println("  -- running summary --");
    out.println(memory.summary()
        .map(s -> "  " + s.replace("\n", "\n  "))
        .orElse("  (none yet: nothing has left the window)"));
    out.println();
  }
}
