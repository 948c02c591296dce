package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.CompactionMode;
import dev.motorhead.Memory;
import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import dev.motorhead.store.SessionState;
import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Motorhead layout on data written with raw commands exactly as a Motorhead server writes
 * it ({@code LPUSH session:<id>} of {@code "role: content"}, {@code SET context:<id>},
 * {@code INCRBY tokens:<id>}, {@code ZADD sessions <epoch seconds> <id>}): the library reads those
 * sessions, continues them in the same format and compacts them. A driver module extends it with
 * a standalone fixture of its own (the test flushes it).
 */
public abstract class RedisMotorheadLayoutScenarios {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  /** The fixture's server, flushed before each test. */
  protected static RedisServer server() {
    return REDIS.server();
  }

  /** A store of the driver under test in {@link RedisLayout#MOTORHEAD} layout. */
  protected abstract MessageStore newMotorheadStore();

  @BeforeEach
  void flush() {
    try (RespClient redis = server().client()) {
      redis.call("FLUSHALL");
    }
  }

  /** What a Motorhead server's POST /sessions/{id}/memory writes. */
  private void motorheadPosts(String session, String namespace, long epochSecond,
      String context, String... roleColonContent) {
    try (RespClient redis = server().client()) {
      if (context != null) {
        redis.call("SET", "context:" + session, context);
      }
      redis.call("ZADD", namespace == null ? "sessions" : "sessions:" + namespace,
          Long.toString(epochSecond), session);
      String[] lpush = new String[roleColonContent.length + 2];
      lpush[0] = "LPUSH";
      lpush[1] = "session:" + session;
      System.arraycopy(roleColonContent, 0, lpush, 2, roleColonContent.length);
      redis.call(lpush);
    }
  }

  @Test
  public void aPinnedMessageIsKeptWholeBesideAMotorheadSessionAndReplacedWithTheWindow() {
    Message system =
        Message.builder().role("system").content("Be brief.").pinned(true)
            .metadata("exact", "{}").createdAt(NOW).tokenCount(3).build();
    try (MessageStore store = newMotorheadStore()) {
      store.append("s1", "", List.of(system, Message.builder().role("Human").content("hi")
          .createdAt(NOW).build()), NOW).join();

      SessionState state = store.read("s1", 10).join();
      assertThat(state.pinned()).isEqualTo(system);
      assertThat(state.messages()).extracting(Message::content).containsExactly("hi");
      try (RespClient redis = server().client()) {
        assertThat(redis.call("LRANGE", "session:s1", "0", "-1")).isEqualTo(List.of("Human: hi"));
      }

      store.write("s1", "", new dev.motorhead.store.SessionWrite(List.of(), true, false, null),
          NOW).join();
      assertThat(store.read("s1", 10).join().pinned()).isNull();
      assertThat(store.delete("s1").join()).isFalse();
    }
  }

  @Test
  public void aSessionAMotorheadServerWroteReadsOldestFirstWithItsContextAndTokens() {
    motorheadPosts("s1", null, 1_700_000_000L, "They greeted each other.",
        "Human: hi", "AI: hello: how can I help?");
    motorheadPosts("s1", null, 1_700_000_001L, null, "Human: a recipe please");
    try (RespClient redis = server().client()) {
      redis.call("INCRBY", "tokens:s1", "42");
    }

    try (MessageStore store = newMotorheadStore()) {
      SessionState state = store.read("s1", 10).join();

      assertThat(state.messages())
          .extracting(Message::role, Message::content)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("Human", "hi"),
              org.assertj.core.groups.Tuple.tuple("AI", "hello: how can I help?"),
              org.assertj.core.groups.Tuple.tuple("Human", "a recipe please"));
      assertThat(state.summary()).isEqualTo("They greeted each other.");
      assertThat(state.summarizerTokensUsed()).isEqualTo(42);
      assertThat(state.messageCount()).isEqualTo(3);
      assertThat(store.read("s1", 1).join().messages().get(0).id())
          .isEqualTo(state.messages().get(2).id());
      assertThat(store.sessions(MessageStore.DEFAULT_NAMESPACE, 1, 10,
          SessionOrder.LEAST_RECENT_FIRST).join()).containsExactly("s1");
    }
  }

  @Test
  public void theLibraryContinuesASessionInMotorheadFormat() {
    motorheadPosts("s2", "team", 1_700_000_000L, null, "Human: first");

    try (MessageStore store = newMotorheadStore()) {
      store.append("s2", "team", List.of(msg("AI", "second"), msg("Human", "third")), NOW).join();
    }

    try (RespClient redis = server().client()) {
      assertThat(redis.call("LRANGE", "session:s2", "0", "-1"))
          .isEqualTo(List.of("Human: third", "AI: second", "Human: first"));
      assertThat(redis.call("ZSCORE", "sessions:team", "s2"))
          .isEqualTo(Long.toString(NOW.getEpochSecond()));
    }
  }

  @Test
  public void aMemoryClientCompactsAMotorheadSessionKeepingTheNewestHalfOfTheWindow() {
    motorheadPosts("s3", null, 1_700_000_000L, "Earlier: m0.",
        "Human: m1", "AI: m2", "Human: m3", "AI: m4", "Human: m5", "AI: m6");

    try (MessageStore store = newMotorheadStore();
        MemoryClient client =
            MemoryClient.builder()
                .store(store)
                .summarizer(new Ledger())
                .windowSize(6)
                .compactionMode(CompactionMode.SYNC)
                .build()) {
      SessionMemory session = client.session("s3");
      session.add(Message.of("Human", "m7"));

      Memory memory = session.memory();
      assertThat(memory.messages()).extracting(Message::content).containsExactly("m5", "m6", "m7");
      assertThat(memory.summary()).hasValue("Earlier: m0. m1 m2 m3 m4");
    }
    try (RespClient redis = server().client()) {
      assertThat(redis.call("LRANGE", "session:s3", "0", "-1"))
          .isEqualTo(List.of("Human: m7", "AI: m6", "Human: m5"));
      assertThat(redis.call("GET", "context:s3")).isEqualTo("Earlier: m0. m1 m2 m3 m4");
      assertThat(redis.call("GET", "tokens:s3")).isEqualTo("4");
    }
  }

  @Test
  public void deletingAMotorheadSessionRemovesItsKeysAndIndexEntries() {
    motorheadPosts("s4", null, 1_700_000_000L, "ctx", "Human: hi");
    try (RespClient redis = server().client()) {
      redis.call("INCRBY", "tokens:s4", "3");
    }

    try (MessageStore store = newMotorheadStore()) {
      store.acquireLease("s4", "token", java.time.Duration.ofMinutes(1)).join();
      assertThat(store.delete("s4").join()).isTrue();

      assertThat(store.sessions("", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join()).isEmpty();
    }
    try (RespClient redis = server().client()) {
      assertThat(redis.call("KEYS", "*")).isEqualTo(List.of());
    }
  }

  private static Message msg(String role, String content) {
    return Message.builder().role(role).content(content).createdAt(NOW).tokenCount(1).build();
  }

  /** A summary listing what was folded into it, one token per message. */
  private static final class Ledger implements Summarizer {
    @Override
    public Summary summarize(String previousSummary, List<Message> newMessages) {
      String added = String.join(" ", newMessages.stream().map(Message::content).toList());
      return new Summary(
          previousSummary.isEmpty() ? added : previousSummary + " " + added, newMessages.size());
    }
  }
}
