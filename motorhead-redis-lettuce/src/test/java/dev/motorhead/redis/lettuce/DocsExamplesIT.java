package dev.motorhead.redis.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.redis.RedisLayout;
import dev.motorhead.redis.RedisVectorStore;
import dev.motorhead.redis.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis examples of the docs (long-term-memory.md, redis.md) as written, on the fixture. */
class DocsExamplesIT {
  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Test
  void longTermMemoryOnRedis() {
    RedisClient redisClient = RedisClient.create(REDIS.server().url());
    try {
      assertThat(longTermMemoryOnRedis(redisClient)).extracting(SearchHit::content)
          .containsExactly("My sister Alice is allergic to peanuts.");
    } finally {
      redisClient.shutdown();
    }
  }

  private static List<SearchHit> longTermMemoryOnRedis(RedisClient redisClient) {
    // docs: long-term memory on redis
    LettuceMessageStore store = LettuceMessageStore.builder(redisClient)  // or JedisMessageStore
        .sessionTtl(Duration.ofDays(7)).build();
    try (store;
         LongTermMemory longTerm = LongTermMemory.builder()
             .embedder(LexicalEmbedder.create())           // or a model's embedder
             .vectorStore(RedisVectorStore.create(store))  // same connection, prefix and TTL
             .build();
         MemoryClient client = MemoryClient.builder().store(store).longTermMemory(longTerm).build()) {
      SessionMemory session = client.session("user-42");
      session.add(Message.of("Human", "My sister Alice is allergic to peanuts."));
      longTerm.awaitIndexing(Duration.ofSeconds(5));
      return session.search("peanuts", 3);            // nearest first
    }
    // end
  }

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
