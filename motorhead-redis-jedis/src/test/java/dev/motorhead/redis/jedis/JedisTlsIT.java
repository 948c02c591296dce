package dev.motorhead.redis.jedis;

import dev.motorhead.redis.RedisTlsScenarios;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

class JedisTlsIT extends RedisTlsScenarios {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.tls();

  private static RedisClient trustingClient;

  @BeforeAll
  static void connect() {
    SSLParameters verifyName = new SSLParameters();
    verifyName.setEndpointIdentificationAlgorithm("HTTPS");
    trustingClient =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", REDIS.server().port())
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .ssl(true)
                    .sslSocketFactory(
                        REDIS.server().tls().orElseThrow().sslContext().getSocketFactory())
                    .sslParameters(verifyName)
                    .build())
            .build();
  }

  @AfterAll
  static void close() {
    trustingClient.close();
  }

  @Override
  protected RedisServer server() {
    return REDIS.server();
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
