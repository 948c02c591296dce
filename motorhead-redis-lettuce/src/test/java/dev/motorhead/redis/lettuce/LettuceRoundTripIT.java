package dev.motorhead.redis.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import dev.motorhead.redis.RedisRoundTripScenarios;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LettuceRoundTripIT extends RedisRoundTripScenarios {
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(server().url());
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
  }

  @Override
  protected MessageStore newStore(String keyPrefix, Duration sessionTtl) {
    LettuceMessageStore.Builder b = LettuceMessageStore.builder(client).keyPrefix(keyPrefix);
    return (sessionTtl == null ? b : b.sessionTtl(sessionTtl)).build();
  }

  @Override
  protected MessageStore newStoreFromUrl(String url) {
    return LettuceMessageStore.create(url);
  }

  @Test
  void theClassJavadocExampleRunsAsWritten() {
    RedisClient redis = RedisClient.create(server().url());
    MessageStore store = LettuceMessageStore.create(redis);
    MemoryClient memory = MemoryClient.builder().store(store).build();
    memory.session("javadoc").add(Message.of("Human", "hello"));
    assertThat(memory.session("javadoc").memory().messages()).hasSize(1);
    memory.close();
    store.close(); // closes the connection the store opened
    redis.shutdown(); // the client is yours
  }
}
