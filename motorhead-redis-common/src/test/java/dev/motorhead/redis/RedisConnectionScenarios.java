package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.store.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a store that creates its own client from a URL does when Redis is down, unreachable or
 * refuses the password. Each test starts its own redis-server. A driver module extends it with
 * how its store is built from a URL.
 */
public abstract class RedisConnectionScenarios {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private RedisServer server;

  /** The driver's store with its own client, on its defaults. */
  protected abstract MessageStore storeFromUrl(String url);

  @BeforeEach
  void startRedis() {
    server = RedisServer.builder().start();
  }

  @AfterEach
  void stopRedis() {
    server.destroy();
  }

  private static Message message(String content) {
    return Message.builder().role("Human").content(content).createdAt(NOW).tokenCount(1).build();
  }

  @Test
  public void aRefusedPasswordReadsAsAnAuthenticationFailureWithoutThePassword() {
    server.client().call("CONFIG", "SET", "requirepass", "right-one");
    String url = "redis://:wrong-s3cret@127.0.0.1:" + server.port();

    // Many times: a driver may hide the refusal behind a closed connection now and then
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> storeFromUrl(url))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageNotContaining("wrong-s3cret");
    }
  }

  @Test
  public void theRightPasswordWorks() {
    server.client().call("CONFIG", "SET", "requirepass", "right-one");
    try (MessageStore store = storeFromUrl("redis://:right-one@127.0.0.1:" + server.port())) {
      store.append("s", "", List.of(message("hello")), NOW).join();
      assertThat(store.read("s", 1).join().messageCount()).isEqualTo(1);
    }
  }

  @Test
  public void anUnreachableRedisFailsTheBuild() {
    int port = server.port();
    server.kill();
    assertThatThrownBy(() -> storeFromUrl("redis://127.0.0.1:" + port))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to Redis");
  }

  /** Lettuce's own default would hold each call for 60 s; the test's limit is far below. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  public void whileRedisIsDownCallsFailAtOnceAndAfterItReturnsTheyWorkAgain() {
    try (MessageStore store = storeFromUrl(server.url())) {
      store.append("s", "", List.of(message("before")), NOW).join();

      server.kill();

      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> store.append("s", "", List.of(message("during")), NOW).join())
            .hasCauseInstanceOf(StoreException.class);
      }

      server.start();

      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> store.append("s", "", List.of(message("after")), NOW).join() != null);
    }
  }
}
