package dev.motorhead.redis.lettuce;

import dev.motorhead.redis.RedisTlsScenarios;
import dev.motorhead.redis.testing.TlsCertificates;
import dev.motorhead.store.MessageStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LettuceTlsIT extends RedisTlsScenarios {
  private static RedisClient trustingClient;

  @BeforeAll
  static void connect() {
    TlsCertificates tls = server().tls().orElseThrow();
    RedisURI uri = RedisURI.create(server().url());
    uri.setVerifyPeer(SslVerifyMode.FULL);
    trustingClient = RedisClient.create(uri);
    trustingClient.setOptions(
        ClientOptions.builder()
            .sslOptions(
                SslOptions.builder()
                    .jdkSslProvider()
                    .truststore(tls.trustStore().toFile(), TlsCertificates.TRUST_STORE_PASSWORD)
                    .build())
            .build());
  }

  @AfterAll
  static void shutdown() {
    trustingClient.shutdown();
  }

  @Override
  protected MessageStore newStoreTrustingTheTestCa() {
    return LettuceMessageStore.create(trustingClient);
  }

  @Override
  protected MessageStore newStoreFromUrl(String url) {
    return LettuceMessageStore.create(url);
  }
}
