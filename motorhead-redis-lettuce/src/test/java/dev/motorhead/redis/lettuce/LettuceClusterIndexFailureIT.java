package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisClusterIndexFailureScenarios;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class LettuceClusterIndexFailureIT extends RedisClusterIndexFailureScenarios {
  private final List<RedisClusterClient> clients = new ArrayList<>();

  @AfterEach
  void shutdown() {
    clients.forEach(RedisClusterClient::shutdown);
  }

  @Override
  protected MessageStore newClusterStore(List<Integer> seeds) {
    RedisClusterClient client = RedisClusterClient.create(
        seeds.stream().map(port -> RedisURI.create("127.0.0.1", port)).toList());
    clients.add(client);
    return LettuceMessageStore.create(client);
  }
}
