package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import dev.motorhead.redis.internal.IndexWrite;
import dev.motorhead.redis.internal.RedisScript;
import dev.motorhead.redis.internal.ScriptRunner;
import dev.motorhead.redis.internal.SessionCommand;
import dev.motorhead.store.LeasedState;
import dev.motorhead.store.SessionState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The native layout's read without a script: three pipelined commands whose generation tells
 * whether a write or commit came between them. Redis runs one connection's pipeline in one go
 * when it arrives in one read, so these races are made here by a runner that answers as if a
 * change had come between the commands.
 */
class PipelinedReadTest {
  private static final String M0 = MessageCodec.encode(message("m0"));
  private static final String M1 = MessageCodec.encode(message("m1"));

  private final StubRunner runner = new StubRunner();
  private final RedisMessageStore store = new RedisMessageStore(new Builder(runner)) {};

  @Test
  void aReadThatSawOneGenerationTakesItsRepliesAsOneState() {
    runner.replies.add(replies(meta("sum", "1", "g1"), List.of(M0), "g1"));

    SessionState state = store.read("s", 12).join();

    assertThat(state.summary()).isEqualTo("sum");
    assertThat(state.messages()).extracting(Message::content).containsExactly("m0");
    assertThat(state.messageCount()).isEqualTo(1);
    assertThat(runner.pipelines).isEqualTo(1);
  }

  @Test
  void aReadWhoseGenerationChangedBetweenItsCommandsReadsAgain() {
    // the summary before a commit, the window after it: m0 would show nowhere
    runner.replies.add(replies(meta(null, "2", "g1"), List.of(M1), "g2"));
    runner.replies.add(replies(meta("m0", "1", "g2"), List.of(M1), "g2"));

    SessionState state = store.read("s", 12).join();

    assertThat(state.summary()).isEqualTo("m0");
    assertThat(state.messages()).extracting(Message::content).containsExactly("m1");
    assertThat(runner.pipelines).isEqualTo(2);
  }

  @Test
  void aReadThatKeepsSeeingChangesIsReadByTheScript() {
    for (int i = 0; i < 4; i++) {
      runner.replies.add(replies(meta(null, "1", "g" + i), List.of(M0), "g" + (i + 1)));
    }
    runner.scriptReply = Arrays.asList(1L, "from the script", "0", "0", List.of(M1), "");

    SessionState state = store.read("s", 12).join();

    assertThat(state.summary()).isEqualTo("from the script");
    assertThat(runner.pipelines).isEqualTo(4);
    assertThat(runner.scripts).containsExactly("read");
  }

  @Test
  void aSessionWrittenBeforeTheMetaHashKeptItsCountIsReadByTheScript() {
    runner.replies.add(replies(meta(null, null, "g1"), List.of(M0), "g1"));
    runner.scriptReply = Arrays.asList(1L, null, "0", "0", List.of(M0), "");

    SessionState state = store.read("s", 12).join();

    assertThat(state.messageCount()).isEqualTo(1);
    assertThat(runner.scripts).containsExactly("read");
  }

  @Test
  void aLeaseTakenByAnotherIsBusyAndItsReadIsIgnored() {
    runner.replies.add(withLease(null, replies(meta("sum", "1", "g1"), List.of(M0), "g1")));

    LeasedState leased = store.acquireLeaseAndRead("s", "token", Duration.ofMinutes(1)).join();

    assertThat(leased).isEqualTo(LeasedState.BUSY);
  }

  @Test
  void aLeaseTakenWhileTheSessionChangedReadsItAgainHoldingTheLease() {
    runner.replies.add(withLease("OK", replies(meta(null, "2", "g1"), List.of(M0, M1), "g2")));
    runner.replies.add(replies(meta(null, "2", "g2"), List.of(M0, M1), "g2"));

    LeasedState leased = store.acquireLeaseAndRead("s", "token", Duration.ofMinutes(1)).join();

    assertThat(leased.acquired()).isTrue();
    assertThat(leased.state().messages()).extracting(Message::content).containsExactly("m0", "m1");
    assertThat(runner.pipelines).isEqualTo(2);
  }

  private static Message message(String content) {
    return Message.builder().id(content).role("Human").content(content).build();
  }

  /** The HMGET reply: summary, summary_tokens, message_tokens, pinned, count, gen. */
  private static List<Object> meta(String summary, String count, String gen) {
    return Arrays.asList(summary, null, null, null, count, gen);
  }

  private static List<Object> replies(List<Object> meta, List<String> window, String gen) {
    return Arrays.asList(meta, new ArrayList<>(window), gen);
  }

  private static List<Object> withLease(String setReply, List<Object> read) {
    List<Object> all = new ArrayList<>();
    all.add(setReply);
    all.addAll(read);
    return all;
  }

  private static final class Builder extends RedisStoreBuilder<Builder> {
    Builder(ScriptRunner runner) {
      super(() -> runner);
    }
  }

  /** Answers pipelines from a queue and the read script with one fixed reply. */
  private static final class StubRunner implements ScriptRunner {
    final Deque<List<Object>> replies = new ArrayDeque<>();
    final List<String> scripts = new ArrayList<>();
    Object scriptReply;
    int pipelines;

    @Override
    public CompletableFuture<List<Object>> pipeline(List<SessionCommand> commands) {
      pipelines++;
      List<Object> reply = replies.removeFirst();
      assertThat(reply).hasSameSizeAs(commands);
      return CompletableFuture.completedFuture(reply);
    }

    @Override
    public CompletableFuture<Object> run(RedisScript script, List<String> keys,
        List<String> args, List<IndexWrite> alongside) {
      scripts.add(script.name());
      return CompletableFuture.completedFuture(scriptReply);
    }

    @Override
    public CompletableFuture<Void> write(List<IndexWrite> writes) {
      throw new AssertionError("no index writes here");
    }

    @Override
    public CompletableFuture<List<Boolean>> exists(List<String> keys) {
      throw new AssertionError("no existence checks here");
    }

    @Override
    public CompletableFuture<String> get(String key) {
      throw new AssertionError("no plain reads here");
    }

    @Override
    public void close() {}
  }
}
