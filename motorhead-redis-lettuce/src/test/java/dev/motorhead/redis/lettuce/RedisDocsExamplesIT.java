package dev.motorhead.redis.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lettuce examples of docs/redis.md as written, on the fixture's Redis. */
class RedisDocsExamplesIT {
  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Test
  void aClientOfYourOwn() {
    String redisUrl = REDIS.server().url();
    // docs: redis, lettuce client
    RedisClient redis = RedisClient.create(redisUrl); // e.g. "redis://localhost:6379"
    try (LettuceMessageStore store = LettuceMessageStore.builder(redis)
             .sessionTtl(Duration.ofDays(7))   // every key of a session expires 7 days after its last write
             .keyPrefix("chat")                // keys chat:{<session>}:messages, chat:{<session>}:meta, ...
             .build();
         MemoryClient client = MemoryClient.builder().store(store).windowSize(12).build()) {
      client.session("user-42").add(Message.of("Human", "Hello from Lettuce"));
      System.out.println(client.session("user-42").memory().messages());
    } finally {
      redis.shutdown(); // the client is yours: the store closed only the connection it opened
    }
    // end
    assertThat(REDIS.server().client().call("EXISTS", "chat:{user-42}:messages")).isEqualTo(1L);
  }

  @Test
  void aStoreOfItsOwnFromAUrl() {
    String redisUrl = REDIS.server().url();
    // docs: redis, lettuce url
    try (LettuceMessageStore store = LettuceMessageStore.create(redisUrl); // "rediss://user:secret@host:6380/0"
         MemoryClient client = MemoryClient.builder().store(store).build()) {
      client.session("user-7").add(Message.of("Human", "Hello"));
      System.out.println(client.session("user-7").memory().messages().size()); // 1
    } // closes the client the store created
    // end
    assertThat(REDIS.server().client().call("EXISTS", "mh:{user-7}:messages")).isEqualTo(1L);
  }

  @Test
  void motorheadLayout() {
    String redisUrl = REDIS.server().url();
    // docs: redis, motorhead layout
    try (LettuceMessageStore store = LettuceMessageStore.builder(redisUrl)
             .layout(RedisLayout.MOTORHEAD)  // session:<id>, context:<id>, tokens:<id>, sessions
             .build();
         MemoryClient client = MemoryClient.builder().store(store).build()) {
      client.session("written-by-motorhead").add(Message.of("Human", "still here"));
    }
    // end
    assertThat(REDIS.server().client().call("LRANGE", "session:written-by-motorhead", "0", "-1"))
        .isEqualTo(List.of("Human: still here"));
  }
}
