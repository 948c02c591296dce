package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisTlsScenarios;
import dev.motorhead.store.MessageStore;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

class JedisTlsIT extends RedisTlsScenarios {
  private static RedisClient trustingClient;

  @BeforeAll
  static void connect() {
    SSLParameters verifyName = new SSLParameters();
    verifyName.setEndpointIdentificationAlgorithm("HTTPS");
    trustingClient =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", server().port())
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .ssl(true)
                    .sslSocketFactory(
                        server().tls().orElseThrow().sslContext().getSocketFactory())
                    .sslParameters(verifyName)
                    .build())
            .build();
  }

  @AfterAll
  static void close() {
    trustingClient.close();
  }

  @Override
  protected MessageStore newStoreTrustingTheTestCa() {
    return JedisMessageStore.create(trustingClient);
  }

  @Override
  protected MessageStore newStoreFromUrl(String url) {
    return JedisMessageStore.create(url);
  }
}
