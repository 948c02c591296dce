package dev.motorhead.redis.jedis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.redis.testing.RedisServerExtension;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The Jedis example of docs/redis.md as written, on the fixture's Redis. */
class DocsExamplesIT {
  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  @Test
  void aPooledClientOfYourOwn() {
    String redisUrl = REDIS.server().url();
    // docs: redis, jedis client
    try (RedisClient jedis = RedisClient.create(URI.create(redisUrl)); // Jedis 8's pooled client
         JedisMessageStore store = JedisMessageStore.builder(jedis)
             .sessionTtl(Duration.ofDays(7))
             .build();                                 // close() leaves your client open
         MemoryClient client = MemoryClient.builder().store(store).windowSize(12).build()) {
      client.session("user-42").add(Message.of("Human", "Hello from Jedis"));
      System.out.println(client.session("user-42").memory().messages());
    }
    // end
    assertThat(REDIS.server().client().call("EXISTS", "mh:{user-42}:messages")).isEqualTo(1L);
  }
}
