package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisClusterIndexFailureScenarios;
import dev.motorhead.store.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

class JedisClusterIndexFailureIT extends RedisClusterIndexFailureScenarios {
  private final List<RedisClusterClient> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(RedisClusterClient::close);
  }

  @Override
  protected MessageStore newClusterStore(List<Integer> seeds) {
    RedisClusterClient client = RedisClusterClient.create(seeds.stream()
        .map(port -> new HostAndPort("127.0.0.1", port)).collect(Collectors.toSet()));
    clients.add(client);
    return JedisMessageStore.create(client);
  }
}
