package dev.motorhead.redis.jedis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.redis.RedisRoundTripScenarios;
import dev.motorhead.store.MessageStore;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class JedisRoundTripIT extends RedisRoundTripScenarios {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(URI.create(server().url()));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    JedisMessageStore.Builder b = JedisMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected MessageStore newStoreFromUrl(String url) {
    return JedisMessageStore.create(url);
  }

  @Test
  void theClassJavadocExampleRunsAsWritten() {
    RedisClient redis = RedisClient.create(server().url());
    MessageStore store = JedisMessageStore.create(redis);
    MemoryClient memory = MemoryClient.builder().store(store).build();
    memory.session("javadoc").add(Message.of("Human", "hello"));
    assertThat(memory.session("javadoc").memory().messages()).isNotEmpty();
    memory.close();
    store.close(); // leaves your client open
    redis.close(); // the client is yours
  }
}
