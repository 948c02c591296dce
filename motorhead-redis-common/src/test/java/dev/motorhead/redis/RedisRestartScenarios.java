package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Redis that crashes and comes back: operations fail with {@link StoreException} while it is
 * down, work again after, keep every acknowledged message (AOF with {@code appendfsync always}),
 * write batches all or nothing, and leave no lease stuck. A driver module extends it with an
 * append-only fixture and a store whose client times out and reconnects quickly.
 */
public abstract class RedisRestartScenarios {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.appendOnly();

  /** The append-only fixture's server, which the test kills and starts again. */
  protected static RedisServer server() {
    return REDIS.server();
  }

  /** A store of the driver under test whose client fails fast and reconnects quickly. */
  protected abstract MessageStore newStoreThatFailsFast(String keyPrefix);

  private static List<Message> batch(String prefix, int n) {
    List<Message> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(
          Message.builder().role("Human").content(prefix + i).createdAt(NOW).tokenCount(1).build());
    }
    return list;
  }

  @Test
  public void aCrashedRedisFailsOperationsThenKeepsEveryAcknowledgedMessageAndFreesTheLease() {
    try (MessageStore store = newStoreThatFailsFast("crash")) {
      List<String> acknowledged = new ArrayList<>();
      for (int b = 0; b < 10; b++) {
        List<Message> batch = batch("b" + b + "-", 3);
        store.append("s", "", batch, NOW).join();
        batch.forEach(m -> acknowledged.add(m.content()));
      }
      assertThat(store.acquireLease("s", "holder-that-crashes", Duration.ofSeconds(2)).join())
          .isTrue();

      server().kill();

      assertThatThrownBy(() -> store.append("s", "", batch("down-", 3), NOW).join())
          .hasCauseInstanceOf(StoreException.class);
      assertThatThrownBy(() -> store.read("s", 10).join()).hasCauseInstanceOf(StoreException.class);

      server().start();

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> store.read("s", 1).join().messageCount() > 0);
      SessionState state = store.read("s", Integer.MAX_VALUE).join();
      List<String> contents = state.messages().stream().map(Message::content).toList();
      assertThat(contents.subList(0, acknowledged.size())).isEqualTo(acknowledged);
      // the batch sent while Redis was down was written whole or not at all
      assertThat(contents.size() - acknowledged.size()).isIn(0, 3);
      assertThat(state.messageTokens()).isEqualTo(contents.size());

      store.append("s", "", batch("after-", 2), NOW).join();
      assertThat(store.read("s", 2).join().messages())
          .extracting(Message::content)
          .containsExactly("after-0", "after-1");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> store.acquireLease("s", "next-holder", Duration.ofMinutes(1)).join());
    }
  }
}
