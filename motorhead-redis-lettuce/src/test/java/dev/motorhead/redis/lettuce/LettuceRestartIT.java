package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisRestartScenarios;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceRestartIT extends RedisRestartScenarios {
  private static ClientResources resources;
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    resources =
        ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
    RedisURI uri = RedisURI.create(server().url());
    uri.setTimeout(Duration.ofSeconds(1));
    client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
  }

  @AfterAll
  static void shutdown() {
    client.shutdown();
    resources.shutdown();
  }

  @Override
  protected MessageStore newStoreThatFailsFast(String keyPrefix) {
    return LettuceMessageStore.builder(client).keyPrefix(keyPrefix).build();
  }
}
