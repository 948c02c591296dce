package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.VectorStore;
import java.util.List;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.redis.testing.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The long-term memory contract on one standalone Redis, with raw checks of the keys and the
 * Motorhead layout; a driver module extends it with its store.
 */
public abstract class RedisVectorStoreStandaloneContract extends RedisVectorStoreContract {
  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private static RespClient raw;

  /**
   * A store of the driver under test in the Motorhead layout, which needs a standalone Redis;
   * {@code sessionTtl} may be null.
   */
  protected abstract RedisMessageStore newMotorheadLayoutStore(String keyPrefix,
      java.time.Duration sessionTtl);

  /** The fixture's server. */
  protected static RedisServer server() {
    return REDIS.server();
  }

  @Override
  protected final RespClient raw() {
    if (raw == null) {
      raw = REDIS.server().client();
    }
    return raw;
  }

  @AfterAll
  static void closeRaw() {
    if (raw != null) {
      raw.close();
      raw = null;
    }
  }

  @Test
  void aWriteRestartsTheTtlOfTheVectorsInEitherLayout() {
    RedisMessageStore motorhead = newMotorheadLayoutStore(
        "rvt" + PREFIXES.incrementAndGet(), java.time.Duration.ofHours(1));
    messageStores.add(motorhead);
    for (RedisMessageStore layout : List.of(messageStore(java.time.Duration.ofHours(1)),
        motorhead)) {
      VectorStore vectors = RedisVectorStore.create(layout);
      String session = uniqueSession();
      append(layout, session, "hello");
      vectors.put(session, List.of(entry("m", new float[] {1, 0}))).join();
      List<String> recall = layout.keyLayout().recallKeys(session).subList(0, 3);
      for (String key : recall) {
        raw().call("PEXPIRE", key, "60000");
      }

      append(layout, session, "again");

      for (String key : recall) {
        assertThat((Long) raw().call("PTTL", key)).as(key).isGreaterThan(3_000_000L);
      }
      vectors.delete(session).join();
      append(layout, session, "after the vectors were deleted");
      for (String key : recall) {
        assertThat((Long) raw().call("EXISTS", key)).as(key).isZero();
      }
    }
  }

  @Test
  void longTermMemoryWorksInTheMotorheadLayoutAndIsDeletedWithTheSession() {
    RedisMessageStore motorhead = newMotorheadLayoutStore("rvm" + PREFIXES.incrementAndGet(), null);
    messageStores.add(motorhead);
    VectorStore vectors = RedisVectorStore.create(motorhead);
    String session = uniqueSession();
    append(motorhead, session, "hello");
    vectors.put(session, List.of(entry("m", new float[] {1, 0}))).join();

    assertThat(vectors.nearest(session, new float[] {1, 0}, 10).join())
        .extracting(SearchHit::messageId).containsExactly("m");

    motorhead.delete(session).join();

    assertThat(vectors.nearest(session, new float[] {1, 0}, 10).join()).isEmpty();
    for (String key : motorhead.keyLayout().recallKeys(session)) {
      assertThat((Long) raw().call("EXISTS", key)).as(key).isZero();
    }
  }
}
