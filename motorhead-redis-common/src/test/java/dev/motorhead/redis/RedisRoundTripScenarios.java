package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.Message;
import dev.motorhead.redis.testing.RespClient;
import dev.motorhead.redis.testing.RedisServer;
import dev.motorhead.redis.testing.RedisServerExtension;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a Redis store does on the wire, checked with {@code INFO commandstats} and raw commands:
 * round trips per operation, scripts sent once, the key layout, TTLs, and ACL users. A driver
 * module extends it with a standalone fixture.
 */
public abstract class RedisRoundTripScenarios {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Set<String> CONNECTION_HOUSEKEEPING =
      Set.of("config", "info", "hello", "client", "auth", "select", "ping", "script");

  /** The fixture: started before the first test of each extending class, stopped after. */
  @RegisterExtension
  protected static final RedisServerExtension REDIS = RedisServerExtension.standalone();

  private final List<MessageStore> stores = new ArrayList<>();

  /** The fixture's server. */
  protected static RedisServer server() {
    return REDIS.server();
  }

  /** A store of the driver under test on {@link #server()}. */
  protected abstract MessageStore newStore(String keyPrefix, Duration sessionTtl);

  /** A store the driver's URL factory builds (and owns the client of). */
  protected abstract MessageStore newStoreFromUrl(String url);

  @AfterEach
  void closeStores() {
    stores.forEach(MessageStore::close);
  }

  private MessageStore store(String prefix, Duration ttl) {
    MessageStore s = newStore(prefix, ttl);
    stores.add(s);
    return s;
  }

  private static String prefix() {
    return "rt" + PREFIXES.incrementAndGet();
  }

  private static List<Message> batch(int n) {
    List<Message> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Message.builder().role("AI").content("m" + i).createdAt(NOW).tokenCount(2).build());
    }
    return list;
  }

  @Test
  public void anAppendOfAnyBatchIsOneScriptCallWithTheIndexUpdatePipelined() {
    MessageStore store = store(prefix(), null);
    store.append("warm-up", "", batch(1), NOW).join(); // loads the script, opens connections

    Map<String, Long> calls = countCalls(() -> store.append("s", "team", batch(5), NOW).join());

    // from the client: EVALSHA; the rest ran inside the script: one HMGET (the latest appends'
    // ids, which tell a replay from a new append, and the counters), the RPUSH, one HSET of the
    // meta fields (ids, counters, namespace) and, on a standalone Redis, the index's ZADD
    assertThat(calls)
        .containsExactlyInAnyOrderEntriesOf(Map.of("evalsha", 1L, "zadd", 1L, "rpush", 1L,
            "hmget", 1L, "hset", 1L));
  }

  @Test
  public void withATtlAWriteRefreshesOnlyTheKeysTheSessionHas() {
    MessageStore store = store(prefix(), Duration.ofHours(1));
    store.append("s", "", batch(1), NOW).join();

    Map<String, Long> calls = countCalls(() -> store.append("s", "", batch(2), NOW).join());

    // messages and meta; the meta hash says there are no long-term memory keys, so they are
    // neither touched nor probed
    assertThat(calls).containsEntry("pexpire", 2L).doesNotContainKey("exists");
  }

  @Test
  public void aCompactionIsTwoRoundTripsTakeAndReadThenCommitAndRelease() {
    MessageStore store = store(prefix(), Duration.ofHours(1));
    try (dev.motorhead.MemoryClient client = dev.motorhead.MemoryClient.builder().store(store)
        .windowSize(4).compactionMode(dev.motorhead.CompactionMode.SYNC)
        .summarizer((previous, messages) -> new dev.motorhead.summarize.Summary("folded", 0))
        .build()) {
      dev.motorhead.SessionMemory s = client.session("s");
      s.add(batch(4));
      s.add(batch(1)); // a first compaction, which loads the scripts
      s.add(batch(2));

      Map<String, Long> calls = countCalls(() -> s.add(batch(1)));

      // the append (its EVALSHA, and inside it HMGET, RPUSH, HSET, ZADD, two PEXPIRE); then the
      // compaction: SET NX of the lease pipelined with the read (HMGET, LRANGE, HGET), and the
      // commit's EVALSHA (inside it GET, HMGET, LRANGE, LTRIM, HSET, DEL of the lease)
      assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
          Map.entry("evalsha", 2L), Map.entry("hmget", 3L), Map.entry("rpush", 1L),
          Map.entry("hset", 2L), Map.entry("zadd", 1L), Map.entry("pexpire", 2L),
          Map.entry("set", 1L), Map.entry("lrange", 2L), Map.entry("hget", 1L),
          Map.entry("get", 1L), Map.entry("ltrim", 1L), Map.entry("del", 1L)));
      assertThat(s.memory().messages()).hasSize(2);
      assertThat(s.memory().summary()).hasValue("folded");
    }
  }

  @Test
  public void aWindowReadIsThreePlainCommandsInOnePipeline() {
    MessageStore store = store(prefix(), null);
    store.append("s", "", batch(20), NOW).join();
    store.read("s", 8).join();

    Map<String, Long> calls = countCalls(() -> store.read("s", 8).join());

    // the meta fields with the generation, the window, the generation again: no script, whose
    // reply would cost Redis two more copies of the window
    assertThat(calls)
        .containsExactlyInAnyOrderEntriesOf(Map.of("lrange", 1L, "hmget", 1L, "hget", 1L));
  }

  @Test
  public void aCommitIsOneScriptCall() {
    MessageStore store = store(prefix(), null);
    List<Message> ms = batch(6);
    store.append("s", "", ms, NOW).join();
    String token = UUID.randomUUID().toString();
    store.acquireLease("s", token, Duration.ofMinutes(1)).join();
    store.commit("s", new Compaction(token, List.of(ms.get(0).id()), "first", 1)).join();

    Map<String, Long> calls =
        countCalls(
            () ->
                assertThat(
                        store
                            .commit(
                                "s",
                                new Compaction(
                                    token, List.of(ms.get(1).id(), ms.get(2).id()), "sum", 3))
                            .join())
                    .isEqualTo(CommitResult.COMMITTED));

    // from the client: EVALSHA; the rest ran inside the script, the meta fields read with one
    // HMGET and written with one HSET
    assertThat(calls)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("evalsha", 1L, "get", 1L, "hmget", 1L, "lrange", 1L, "ltrim", 1L, "hset", 1L));
  }

  @Test
  public void scriptsAreSentAgainWhenRedisHasForgottenThem() {
    MessageStore store = store(prefix(), null);
    store.append("s", "", batch(1), NOW).join();
    try (RespClient redis = server().client()) {
      redis.call("SCRIPT", "FLUSH");
    }

    Map<String, Long> afterFlush = countCalls(() -> store.append("s", "", batch(1), NOW).join());
    Map<String, Long> afterReload = countCalls(() -> store.append("s", "", batch(1), NOW).join());

    assertThat(afterFlush).containsEntry("evalsha", 1L).containsEntry("eval", 1L);
    assertThat(afterReload).containsEntry("evalsha", 1L).doesNotContainKey("eval");
    assertThat(store.read("s", 10).join().messageCount()).isEqualTo(3);
  }

  @Test
  public void everyKeyOfASessionSharesOneHashTagThatNoIdCanBreakOutOf() {
    String prefix = prefix();
    MessageStore store = store(prefix, null);
    store.append("a}b{c%", "n{s}", batch(2), NOW).join();
    store.acquireLease("a}b{c%", "token", Duration.ofMinutes(1)).join();

    assertThat(keys(prefix + ":*"))
        .containsExactlyInAnyOrder(
            prefix + ":{a%7Db%7Bc%25}:messages",
            prefix + ":{a%7Db%7Bc%25}:meta",
            prefix + ":{a%7Db%7Bc%25}:lease",
            prefix + ":sessions:n%7Bs%7D");
  }

  @Test
  public void deleteRemovesEveryKeyOfTheSessionAndItsIndexEntries() {
    String prefix = prefix();
    MessageStore store = store(prefix, null);
    store.append("s", "", batch(2), NOW).join();
    store.append("s", "other", batch(2), NOW).join();
    store.replaceSummary("s", "", "summary", NOW).join();
    store.acquireLease("s", "token", Duration.ofMinutes(1)).join();

    assertThat(store.delete("s").join()).isTrue();

    assertThat(keys(prefix + ":*")).isEmpty();
  }

  @Test
  public void withATtlEveryKeyOfTheSessionButTheLeaseExpiresOnRedisClock() {
    String prefix = prefix();
    MessageStore store = store(prefix, Duration.ofMinutes(10));
    store.append("s", "", batch(2), NOW).join();
    store.acquireLease("s", "token", Duration.ofSeconds(30)).join();

    try (RespClient redis = server().client()) {
      for (String name : List.of("messages", "meta")) {
        assertThat((Long) redis.call("PTTL", prefix + ":{s}:" + name))
            .as(name)
            .isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
      }
      assertThat((Long) redis.call("PTTL", prefix + ":{s}:lease"))
          .isBetween(1L, Duration.ofSeconds(30).toMillis());
    }
  }

  @Test
  public void anIndexEntryOfASessionGoneOutsideTheStoreIsPrunedWhenListed() {
    String prefix = prefix();
    MessageStore store = store(prefix, null);
    store.append("gone", "", batch(1), NOW).join();
    store.append("kept", "", batch(1), NOW.plusSeconds(1)).join();
    try (RespClient redis = server().client()) {
      redis.call("DEL", prefix + ":{gone}:meta", prefix + ":{gone}:messages");
    }

    assertThat(store.sessions("", 1, 10, SessionOrder.LEAST_RECENT_FIRST).join())
        .containsExactly("kept");
    try (RespClient redis = server().client()) {
      assertThat(redis.call("ZRANGE", prefix + ":sessions", "0", "-1")).isEqualTo(List.of("kept"));
    }
  }

  @Test
  public void anAclUserConnectsWithItsPasswordInTheUrl() {
    String user = "app" + PREFIXES.incrementAndGet();
    try (RespClient redis = server().client()) {
      redis.call("ACL", "SETUSER", user, "on", ">s3cret", "~*", "&*", "+@all");
    }
    String url = "redis://" + user + ":s3cret@127.0.0.1:" + server().port();
    MessageStore store = newStoreFromUrl(url);
    stores.add(store);

    store.append("acl-session", "", batch(2), NOW).join();

    assertThat(store.read("acl-session", 10).join().messageCount()).isEqualTo(2);
    try (RespClient redis = server().client()) {
      assertThat(redis.text("CLIENT", "LIST")).contains("user=" + user);
    }
  }

  private Set<String> keys(String pattern) {
    try (RespClient redis = server().client()) {
      Set<String> keys = new TreeSet<>();
      for (Object k : (List<?>) redis.call("KEYS", pattern)) {
        keys.add((String) k);
      }
      return keys;
    }
  }

  /** Commands the server ran during {@code action}, by name, minus connection housekeeping. */
  private Map<String, Long> countCalls(Runnable action) {
    try (RespClient redis = server().client()) {
      redis.call("CONFIG", "RESETSTAT");
      action.run();
      Map<String, Long> calls = new HashMap<>();
      for (String line : redis.text("INFO", "commandstats").split("\r?\n")) {
        if (line.startsWith("cmdstat_")) {
          String name = line.substring("cmdstat_".length(), line.indexOf(':'));
          long count = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
          if (!CONNECTION_HOUSEKEEPING.contains(name.replaceAll("\\|.*", ""))) {
            calls.put(name, count);
          }
        }
      }
      return calls;
    }
  }
}
