package dev.motorhead.benchmarks;

import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.redis.RedisMessageStore;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import java.time.Duration;
import java.util.List;

/**
 * The library as its README shows it: a {@link MemoryClient} with its defaults (offline
 * summarizer, asynchronous compaction) on a Redis store that creates its own client from the
 * URL, with the session TTL set. Optionally with a summarizer that costs nothing, so the
 * engine's cost and the summarizer's show apart.
 */
final class Ours implements ChatSystem {
  /** A summarizer that does no work: the summary is one fixed line. */
  static final Summarizer FREE =
      new Summarizer() {
        @Override
        public Summary summarize(String previousSummary, List<Message> newMessages) {
          return new Summary("Earlier turns were about dinner plans.", 0);
        }

        @Override
        public int inputTokenBudget() {
          return 100_000; // like a model's large context: folded messages need no counting
        }

        @Override
        public String toString() {
          return "free";
        }
      };

  private final RedisMessageStore store;
  private final MemoryClient client;
  private final String prefix;

  Ours(RedisMessageStore store, Summarizer summarizer, int window, String prefix) {
    this.store = store;
    this.prefix = prefix;
    MemoryClient.Builder b = MemoryClient.builder().store(store).windowSize(window);
    if (summarizer != null) {
      b.summarizer(summarizer);
    }
    this.client = b.build();
  }

  private SessionMemory session(int session) {
    return client.session(prefix + "-" + session);
  }

  @Override
  public boolean turn(int session, Conversation.Turn turn) {
    SessionMemory s = session(session);
    s.add(Message.of(Message.USER, turn.user()), Message.of(Message.ASSISTANT, turn.assistant()));
    Memory memory = s.memory();
    boolean user = false;
    boolean assistant = false;
    for (Message m : memory.messages()) {
      user |= m.content().equals(turn.user());
      assistant |= m.content().equals(turn.assistant());
    }
    return user && assistant;
  }

  @Override
  public void drain() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (client.pendingCompactions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // a benchmark, not a test: polling a gauge is fine here
    }
  }

  @Override
  public List<String> keys(int session) {
    return List.of(); // found by SCAN on the session's hash tag, see TurnBenchmark
  }

  String keyPattern(int session) {
    return "mh:{" + prefix + "-" + session + "}:*";
  }

  @Override
  public void fillForMemoryReport(int session, Conversation conversation) {
    SessionMemory s = session(session);
    int window = client.windowSize();
    for (int i = 0; i < window / 2 + 1; i++) {
      Conversation.Turn t = conversation.next();
      s.add(Message.of(Message.USER, t.user()), Message.of(Message.ASSISTANT, t.assistant()));
    }
    s.compact();
    while (s.memory().messages().size() + 2 <= window) {
      Conversation.Turn t = conversation.next();
      s.add(Message.of(Message.USER, t.user()), Message.of(Message.ASSISTANT, t.assistant()));
    }
    Memory m = s.memory();
    if (m.messages().size() != window || m.summary().isEmpty()) {
      throw new IllegalStateException("expected a full window and a summary, got " + m);
    }
  }

  @Override
  public void close() {
    client.close();
    store.close();
  }
}
