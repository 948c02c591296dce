package dev.motorhead.redis.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.SessionMemory;
import dev.motorhead.longterm.LexicalEmbedder;
import dev.motorhead.longterm.LongTermMemory;
import dev.motorhead.longterm.SearchHit;
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
}
