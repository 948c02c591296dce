package dev.motorhead.redis;

import static dev.motorhead.redis.RedisReplies.asList;
import static dev.motorhead.redis.RedisReplies.listAt;
import static dev.motorhead.redis.RedisReplies.longAt;
import static dev.motorhead.redis.RedisReplies.number;
import static dev.motorhead.redis.RedisReplies.text;
import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.Message;
import dev.motorhead.StoreException;
import dev.motorhead.redis.internal.IndexWrite;
import dev.motorhead.redis.internal.RedisScript;
import dev.motorhead.redis.internal.ScriptRunner;
import dev.motorhead.redis.internal.SessionCommand;
import dev.motorhead.store.AppendResult;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.LeasedState;
import dev.motorhead.store.Released;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import dev.motorhead.store.SessionState;
import dev.motorhead.store.SessionWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} on Redis, standalone or Redis Cluster: the store algorithm both driver
 * adapters share. Applications get one through {@code LettuceMessageStore} or
 * {@code JedisMessageStore} and use it as a {@link MessageStore}:
 *
 * <pre>{@code
 * MessageStore store = LettuceMessageStore.builder(redisClient)
 *     .sessionTtl(Duration.ofDays(7))
 *     .build();
 * }</pre>
 *
 * <p>Each operation on a session is one Lua script on that session's keys, which all share one
 * hash tag: a write (append), a read, and each of the two steps of a compaction are one round
 * trip each. On a standalone Redis the write script also updates the namespace index; on a
 * cluster, where the index lives on another node, a write is followed by the index update, a
 * second round trip (sent only after the script, so that a delete racing it cannot unlist a
 * session the write recreated). Scripts are sent by digest ({@code EVALSHA}) and
 * again in full when Redis answers {@code NOSCRIPT}. Leases and the optional session TTL use
 * Redis's own clock. The keys are those of the {@link RedisLayout} chosen: the library's own
 * by default, or a Motorhead server's.
 *
 * <p>Thread-safe. Failures of Redis or the driver complete the futures exceptionally with a
 * {@link StoreException} whose cause is the driver's exception. {@link #close()} closes only
 * what the store created itself; clients the caller passed in stay open.
 */
public abstract class RedisMessageStore implements MessageStore {
  private static final Logger log = LoggerFactory.getLogger(RedisMessageStore.class);
  private static final int MAX_PRUNE_ROUNDS = 8;

  private final ScriptRunner runner;
  private final KeyLayout keys;
  private final long ttlMillis; // 0: sessions never expire
  private final String description;

  /**
   * Connects through the builder's driver adapter, which {@link #close()} closes.
   *
   * @param options the validated options
   */
  protected RedisMessageStore(RedisStoreBuilder<?> options) {
    this.runner = notNull(options.connect(), "runner");
    this.keys = KeyLayout.of(options.layout(), options.keyPrefix());
    this.ttlMillis = options.sessionTtl() == null ? 0 : options.sessionTtl().toMillis();
    this.description =
        getClass().getSimpleName()
            + "{keyPrefix="
            + options.keyPrefix()
            + ", layout="
            + options.layout()
            + ", sessionTtl="
            + options.sessionTtl()
            + "}";
  }

  @Override
  public final CompletableFuture<AppendResult> write(
      String sessionId, String namespace, SessionWrite write, Instant now) {
    notBlank(sessionId, "sessionId");
    notNull(namespace, "namespace");
    notNull(write, "write");
    notNull(now, "now");
    List<String> args = new ArrayList<>(write.messages().size() + 12);
    args.add(Long.toString(ttlMillis));
    args.add(namespace);
    args.add(""); // the token sum, known once every message was encoded
    args.add(write.replacesMessages() ? "1" : "0");
    args.add(!write.replacesSummary() ? "0" : write.summary() == null ? "2" : "1");
    args.add(write.summary() == null ? "" : write.summary());
    args.add(""); // the pinned message, if the write has one
    args.add(write.replayId() == null ? "" : replayKey(write.replayId()));
    IndexWrite index = IndexWrite.add(keys.indexKey(namespace), keys.indexScore(now), sessionId);
    boolean inScript = runner.singleServer(); // the script writes the index: one command less
    args.add(inScript ? index.key() : "");
    args.add(inScript ? indexScore(index.score()) : "");
    args.add(inScript ? sessionId : "");
    args.add(generation());
    long tokens = 0;
    for (Message m : write.messages()) {
      if (m.pinned()) {
        args.set(6, keys.encodePinned(m)); // the last one wins
      } else {
        args.add(keys.encode(m));
        tokens += m.tokenCount();
      }
    }
    args.set(2, Long.toString(tokens));
    if (inScript) {
      return call(keys.scripts().write(), sessionId, args, List.of(),
          reply -> new AppendResult(longAt(reply, 0), longAt(reply, 1)));
    }
    // On a cluster the index lives on another node. Its entry is sent only once the script has
    // run, never alongside: a delete racing this write removes the entry and then relists the
    // session if it exists (relistIfRecreated), which is sound only if every index write of a
    // write that recreates the session comes after that write's script. The write does not
    // wait for it: a failed index write (its node down) is logged and never fails or delays the
    // write, and the next write of the session repairs the entry. A listing on the same
    // connection is sent after it, so it sees the entry.
    return guard(
        keys.scripts().write().name(),
        () ->
            runner
                .run(keys.scripts().write(), keys.sessionKeys(sessionId), args, List.of())
                .thenApply(
                    reply -> {
                      writeIndexLogged(index);
                      return reply;
                    })
                .thenApply(reply -> new AppendResult(longAt(reply, 0), longAt(reply, 1))));
  }

  /**
   * {@inheritDoc}
   *
   * <p>In the native layout, three plain commands pipelined in one round trip: the meta hash's
   * fields with its generation, the newest messages, the generation again. A script would cost
   * Redis two more copies of the window (into Lua and out of it); the generation, which every
   * write and commit renews, tells that no change came between the commands, so the messages,
   * summary and counters are one state, as a script's would be. When changes keep coming
   * between them, the read is tried again, and after a few tries read by the script.
   */
  @Override
  public final CompletableFuture<SessionState> read(String sessionId, int limit) {
    notBlank(sessionId, "sessionId");
    atLeast(limit, 1, "limit");
    if (!keys.pipelinedReads()) {
      return scriptRead(sessionId, limit);
    }
    return guard("read", () -> pipelinedRead(sessionId, limit, 1));
  }

  private CompletableFuture<SessionState> scriptRead(String sessionId, int limit) {
    return call(
        keys.scripts().read(), sessionId, List.of(Integer.toString(limit)), List.of(), this::state);
  }

  /** How often a pipelined read is tried before the script reads the session. */
  private static final int PIPELINED_READ_TRIES = 4;

  /** The meta fields a read returns, the generation last. */
  private static final List<String> READ_FIELDS =
      List.of("summary", "summary_tokens", "message_tokens", "pinned", "count", "gen");

  private CompletableFuture<SessionState> pipelinedRead(String sessionId, int limit, int attempt) {
    String meta = keys.metaKey(sessionId);
    String messages = keys.sessionKeys(sessionId).get(0);
    List<SessionCommand> commands = List.of(
        SessionCommand.hmget(meta, READ_FIELDS),
        SessionCommand.lrange(messages, -limit, -1),
        SessionCommand.hget(meta, "gen"));
    return runner.pipeline(commands).thenCompose(replies -> {
      SessionState state = consistentState(replies.get(0), replies.get(1), replies.get(2));
      if (state == OLDER_LAYOUT) {
        return scriptRead(sessionId, limit);
      }
      if (state != null) {
        return CompletableFuture.completedFuture(state);
      }
      return attempt < PIPELINED_READ_TRIES
          ? pipelinedRead(sessionId, limit, attempt + 1)
          : scriptRead(sessionId, limit);
    });
  }

  /** What {@link #consistentState} answers for a session written before 'count' was kept. */
  private static final SessionState OLDER_LAYOUT = new SessionState(List.of(), null, 0, 0, 0);

  /**
   * The state that a pipelined read's replies show; {@code null} when they may not show one
   * state (the generation changed between the commands); {@link #OLDER_LAYOUT} when the
   * session was written before the meta hash kept its message count, for the script to read.
   */
  private SessionState consistentState(Object fieldsReply, Object elementsReply, Object genReply) {
    List<Object> fields = asList(fieldsReply);
    Object gen = fields.get(5);
    if (!java.util.Objects.equals(gen == null ? null : text(gen),
        genReply == null ? null : text(genReply))) {
      return null;
    }
    List<Object> elements = asList(elementsReply);
    Object count = fields.get(4);
    if (count == null && !elements.isEmpty()) {
      return OLDER_LAYOUT;
    }
    List<String> texts = new ArrayList<>(elements.size());
    for (Object element : elements) {
      texts.add(text(element));
    }
    return state(count == null ? 0 : number(count), fields.get(0), fields.get(1), fields.get(2),
        texts, fields.get(3));
  }

  @Override
  public final CompletableFuture<Boolean> acquireLease(
      String sessionId, String token, Duration ttl) {
    return leaseCall(Scripts.ACQUIRE_LEASE, sessionId, token, ttl);
  }

  @Override
  public final CompletableFuture<Boolean> renewLease(String sessionId, String token, Duration ttl) {
    return leaseCall(Scripts.RENEW_LEASE, sessionId, token, ttl);
  }

  @Override
  public final CompletableFuture<Void> releaseLease(String sessionId, String token) {
    notBlank(sessionId, "sessionId");
    notBlank(token, "token");
    return call(Scripts.RELEASE_LEASE, sessionId, List.of(token), List.of(), reply -> null);
  }

  @Override
  public final CompletableFuture<CommitResult> commit(String sessionId, Compaction compaction) {
    return call(keys.scripts().commit(), sessionId, commitArgs(sessionId, compaction, false),
        List.of(), reply -> commitResult(longAt(reply, 0)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One script: commit, release and the size at that moment, atomically, in one round trip.
   */
  @Override
  public final CompletableFuture<Released> commitAndRelease(
      String sessionId, Compaction compaction) {
    return call(keys.scripts().commit(), sessionId, commitArgs(sessionId, compaction, true),
        List.of(),
        reply -> new Released(commitResult(longAt(reply, 0)), longAt(reply, 1), longAt(reply, 2)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One script: the lease taken and the session read, atomically, in one round trip.
   */
  @Override
  public final CompletableFuture<LeasedState> acquireLeaseAndRead(
      String sessionId, String token, Duration ttl) {
    notBlank(sessionId, "sessionId");
    notBlank(token, "token");
    positive(ttl, "ttl");
    long millis = Math.max(1, ttl.toMillis());
    if (!keys.pipelinedReads()) {
      List<String> args = List.of(Integer.toString(Integer.MAX_VALUE), token,
          Long.toString(millis));
      return call(keys.scripts().acquireRead(), sessionId, args, List.of(),
          reply -> longAt(reply, 0) < 0 ? LeasedState.BUSY : new LeasedState(true, state(reply)));
    }
    // The lease first: once it is ours, only appends (at the new end) and fencing writes (which
    // revoke it, so the commit fails) can change the session. A read that saw a change between
    // its commands reads again, holding the lease.
    String meta = keys.metaKey(sessionId);
    List<SessionCommand> commands = List.of(
        SessionCommand.setNxPx(keys.sessionKeys(sessionId).get(2), token, millis),
        SessionCommand.hmget(meta, READ_FIELDS),
        SessionCommand.lrange(keys.sessionKeys(sessionId).get(0), 0, -1),
        SessionCommand.hget(meta, "gen"));
    return guard("acquire and read", () -> runner.pipeline(commands).thenCompose(replies -> {
      if (replies.get(0) == null) {
        return CompletableFuture.completedFuture(LeasedState.BUSY);
      }
      SessionState state = consistentState(replies.get(1), replies.get(2), replies.get(3));
      CompletableFuture<SessionState> read = state != null && state != OLDER_LAYOUT
          ? CompletableFuture.completedFuture(state)
          : pipelinedRead(sessionId, Integer.MAX_VALUE, 1);
      return read.thenApply(s -> new LeasedState(true, s));
    }));
  }

  private List<String> commitArgs(String sessionId, Compaction compaction, boolean release) {
    notBlank(sessionId, "sessionId");
    notNull(compaction, "compaction");
    List<String> args = new ArrayList<>(compaction.foldedIds().size() + 7);
    args.add(compaction.leaseToken());
    args.add(Long.toString(ttlMillis));
    args.add(compaction.summary() == null ? "0" : "1");
    args.add(compaction.summary() == null ? "" : compaction.summary());
    args.add(Long.toString(compaction.tokensUsed()));
    args.add(release ? "1" : "0");
    args.add(generation());
    args.addAll(compaction.foldedIds());
    return args;
  }

  private static CommitResult commitResult(long code) {
    return switch ((int) code) {
      case 1 -> CommitResult.COMMITTED;
      case 2 -> CommitResult.LEASE_LOST;
      default -> CommitResult.SESSION_CHANGED;
    };
  }

  /**
   * {@inheritDoc}
   *
   * <p>The index entries are removed after the session's keys (they may live on other cluster
   * nodes). An append that recreates the session in between would lose its entry to that
   * removal, so the store then looks again: if the session exists, its entries in the indexes
   * just cleaned are written back (with the current time as its activity).
   */
  @Override
  public final CompletableFuture<Boolean> delete(String sessionId) {
    notBlank(sessionId, "sessionId");
    return guard(
        "delete",
        () ->
            runner
                .run(keys.scripts().delete(), keys.sessionKeys(sessionId), List.of(), List.of())
                .thenCompose(
                    reply -> {
                      List<String> namespaces = new ArrayList<>();
                      List<IndexWrite> removals = new ArrayList<>();
                      for (Object namespace : listAt(reply, 1)) {
                        namespaces.add(text(namespace));
                        removals.add(IndexWrite.remove(keys.indexKey(text(namespace)), sessionId));
                      }
                      boolean existed = longAt(reply, 0) == 1;
                      return removals.isEmpty()
                          ? CompletableFuture.completedFuture(existed)
                          : runner.write(removals)
                              .thenCompose(done -> relistIfRecreated(sessionId, namespaces))
                              .thenApply(done -> existed);
                    }));
  }

  /**
   * The fixed-width key the write script remembers a replay id by: the first 16 hex digits of
   * its SHA-1 (two ids of one session's latest 32 appends share one with a chance of 2^-58).
   */
  static String replayKey(String replayId) {
    byte[] digest = SHA1.get().digest(replayId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(digest, 0, 8);
  }

  private static final ThreadLocal<java.security.MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return java.security.MessageDigest.getInstance("SHA-1");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  });

  /**
   * A new generation for the session's meta hash: 16 random hex digits, renewed by every write
   * and commit, so that a pipelined read tells whether the session changed between its commands
   * (a session deleted and written again gets a generation of its own too).
   */
  private static String generation() {
    long bits = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    return java.util.HexFormat.of().toHexDigits(bits);
  }

  /** A score as ZADD reads it: epoch milliseconds or seconds, whole numbers. */
  private static String indexScore(double score) {
    return Long.toString((long) score);
  }

  private CompletableFuture<Void> relistIfRecreated(String sessionId, List<String> cleaned) {
    if (keys.scripts().delete() != Scripts.DELETE) {
      return CompletableFuture.completedFuture(null); // the Motorhead layout: see RedisLayout
    }
    return runner.run(Scripts.RELIST, keys.sessionKeys(sessionId), List.of(), List.of())
        .thenCompose(reply -> {
          if (longAt(reply, 0) == 0) {
            return CompletableFuture.completedFuture(null);
          }
          double score = keys.indexScore(Instant.now());
          List<IndexWrite> restored = new ArrayList<>();
          for (Object namespace : listAt(reply, 1)) {
            if (cleaned.contains(text(namespace))) {
              restored.add(IndexWrite.add(keys.indexKey(text(namespace)), score, sessionId));
            }
          }
          return restored.isEmpty() ? CompletableFuture.completedFuture(null)
              : runner.write(restored);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Index entries of sessions found expired or deleted are pruned as the listing meets them,
   * so a page holds live sessions only.
   */
  @Override
  public final CompletableFuture<List<String>> sessions(
      String namespace, int page, int size, SessionOrder order) {
    notNull(namespace, "namespace");
    atLeast(page, 1, "page");
    between(size, 1, 100, "size");
    notNull(order, "order");
    long start = (long) (page - 1) * size;
    List<String> args =
        List.of(
            Long.toString(start),
            Long.toString(start + size - 1),
            order == SessionOrder.MOST_RECENT_FIRST ? "1" : "0");
    return guard("sessions", () -> listLive(keys.indexKey(namespace), args, 1));
  }

  /** Closes the connections or clients the store created; those the caller passed stay open. */
  @Override
  public final void close() {
    try {
      runner.close();
    } catch (RuntimeException e) {
      throw new StoreException("closing the Redis connection failed", e);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  // ---- shared with RedisVectorStore (long-term memory on the same connection and layout) ----

  ScriptRunner runner() {
    return runner;
  }

  KeyLayout keyLayout() {
    return keys;
  }

  private CompletableFuture<List<String>> listLive(String index, List<String> args, int round) {
    return runner
        .run(Scripts.LIST_INDEX, List.of(index), args, List.of())
        .thenCompose(
            reply -> {
              List<Object> flat = asList(reply);
              List<String> ids = new ArrayList<>(flat.size() / 2);
              List<String> existence = new ArrayList<>(flat.size());
              for (int i = 0; i < flat.size(); i += 2) {
                ids.add(text(flat.get(i)));
                existence.addAll(keys.existenceKeys(text(flat.get(i))));
              }
              int perSession = ids.isEmpty() ? 1 : existence.size() / ids.size();
              if (ids.isEmpty()) {
                return CompletableFuture.completedFuture(List.<String>of());
              }
              return runner
                  .exists(existence)
                  .thenApply(found -> anyPerSession(found, perSession))
                  .thenCompose(
                      live -> {
                        List<String> gone = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                          if (!live.get(i)) {
                            gone.add(ids.get(i));
                            gone.add(text(flat.get(2 * i + 1)));
                          }
                        }
                        if (gone.isEmpty()) {
                          return CompletableFuture.completedFuture(List.copyOf(ids));
                        }
                        if (round >= MAX_PRUNE_ROUNDS) {
                          List<String> alive = new ArrayList<>();
                          for (int i = 0; i < ids.size(); i++) {
                            if (live.get(i)) {
                              alive.add(ids.get(i));
                            }
                          }
                          return CompletableFuture.completedFuture(List.copyOf(alive));
                        }
                        return runner
                            .run(Scripts.PRUNE_INDEX, List.of(index), gone, List.of())
                            .thenCompose(pruned -> listLive(index, args, round + 1));
                      });
            });
  }

  private CompletableFuture<Boolean> leaseCall(
      RedisScript script, String sessionId, String token, Duration ttl) {
    notBlank(sessionId, "sessionId");
    notBlank(token, "token");
    positive(ttl, "ttl");
    List<String> args = List.of(token, Long.toString(Math.max(1, ttl.toMillis())));
    return call(script, sessionId, args, List.of(), reply -> longAt(reply, 0) == 1);
  }

  private void writeIndexLogged(IndexWrite index) {
    CompletableFuture<Void> sent;
    try {
      sent = runner.write(List.of(index));
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((done, failure) -> {
      if (failure != null) {
        log.warn("Redis: a session index write failed after the write it follows succeeded;"
            + " the next write of the session repairs it: {}", failure.toString());
      }
    });
  }

  private <T> CompletableFuture<T> call(
      RedisScript script,
      String sessionId,
      List<String> args,
      List<IndexWrite> alongside,
      Function<Object, T> decode) {
    return guard(
        script.name(),
        () -> runner.run(script, keys.sessionKeys(sessionId), args, alongside).thenApply(decode));
  }

  /** Runs an operation, turning every failure, thrown or completed, into a StoreException. */
  private static <T> CompletableFuture<T> guard(
      String operation, Supplier<CompletableFuture<T>> action) {
    CompletableFuture<T> started;
    try {
      started = action.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(wrap(operation, e));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    started.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(wrap(operation, failure));
          }
        });
    return result;
  }

  /** The library's exception for a failed Redis operation, keeping the driver's as its cause. */
  static StoreException wrap(String operation, Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof StoreException e) {
      return e;
    }
    return new StoreException("Redis " + operation + " failed: " + cause, cause);
  }

  /** The state a read script returned. */
  private SessionState state(Object reply) {
    List<Object> r = asList(reply);
    List<String> elements = new ArrayList<>();
    for (Object element : listAt(reply, 4)) {
      elements.add(text(element));
    }
    return state(longAt(reply, 0), r.get(1), r.get(2), r.get(3), elements, r.get(5));
  }

  /** A state from its parts as Redis returned them ({@code null} for a missing field). */
  private SessionState state(long count, Object summary, Object summarizerTokensUsed,
      Object messageTokens, List<String> elements, Object pinnedElement) {
    List<Message> messages = keys.window(elements, count);
    Message pinned = pinnedElement == null ? null : keys.decodePinned(text(pinnedElement));
    long summaryUsed = summarizerTokensUsed == null ? 0 : number(summarizerTokensUsed);
    long tokens = messageTokens == null ? 0 : number(messageTokens);
    if (count == 0 && summary == null && pinned == null && summaryUsed == 0 && tokens == 0
        && messages.isEmpty()) {
      return SessionState.EMPTY;
    }
    return new SessionState(
        pinned, messages, summary == null ? null : text(summary), summaryUsed, count, tokens);
  }

  /** Whether any of each session's existence keys exists. */
  private static List<Boolean> anyPerSession(List<Boolean> found, int perSession) {
    List<Boolean> live = new ArrayList<>(found.size() / perSession);
    for (int i = 0; i < found.size(); i += perSession) {
      live.add(found.subList(i, i + perSession).contains(Boolean.TRUE));
    }
    return live;
  }
}
