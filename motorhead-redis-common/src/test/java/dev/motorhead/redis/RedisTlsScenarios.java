package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.MessageStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Redis serving TLS only, with a certificate authority generated for the test: a client
 * trusting that CA works and verifies the server; one that does not is refused. A driver module
 * extends it with a TLS fixture.
 */
public abstract class RedisTlsScenarios {

  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.tls();

  /** The TLS fixture's server. */
  protected static RedisServer server() {
    return REDIS.server();
  }

  /** A store whose client trusts the fixture's CA and verifies the server's name. */
  protected abstract MessageStore newStoreTrustingTheTestCa();

  /** A store from the {@code rediss://} URL alone, trusting only the JVM's default CAs. */
  protected abstract MessageStore newStoreFromUrl(String url);

  @Test
  public void aClientTrustingTheCaReadsAndWritesOverTls() {
    Instant now = Instant.parse("2026-11-21T10:00:00Z");
    try (MessageStore store = newStoreTrustingTheTestCa()) {
      store
          .append("tls", "", List.of(Message.builder().role("AI").content("secret")
              .createdAt(now).tokenCount(1).build()), now)
          .join();

      assertThat(store.read("tls", 10).join().messages())
          .extracting(Message::content)
          .containsExactly("secret");
    }
  }

  @Test
  public void aClientThatDoesNotTrustTheServerCertificateFailsWithStoreException() {
    assertThat(server().url()).startsWith("rediss://");

    Throwable failure =
        catchThrowable(
            () -> {
              try (MessageStore store = newStoreFromUrl(server().url())) {
                store.read("tls", 1).join();
              }
            });

    assertThat(failure).isNotNull();
    assertThat(failure instanceof StoreException || failure.getCause() instanceof StoreException)
        .as("%s", failure)
        .isTrue();
  }
}
