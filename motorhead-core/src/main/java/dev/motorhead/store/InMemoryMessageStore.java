package dev.motorhead.store;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import dev.motorhead.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MessageStore} in this JVM's heap: the default, for tests, demos and single-process
 * applications that can lose memory on restart. Thread-safe; every operation completes before
 * it returns (the futures are already complete).
 *
 * <p>Sessions can expire: with {@link Builder#sessionTtl(Duration)} a session not written for
 * that long disappears, from reads and from listings, and is reclaimed: every write that comes
 * at least {@link Builder#sweepInterval(Duration) a sweep interval} after the last sweep first
 * removes every expired session. Time comes from the {@link Clock} given, so tests can move it
 * instead of waiting.
 *
 * <p><b>Memory bounds.</b> With a TTL the store holds at most the sessions written within the
 * last TTL plus one sweep interval: about the size of their messages (content, metadata, ids)
 * plus a few hundred bytes per session and per index entry. Without a TTL nothing is ever
 * reclaimed but by {@link #delete}: memory grows with every session written. Give a
 * long-running process (a server) a TTL.
 *
 * <pre>{@code
 * MessageStore store = InMemoryMessageStore.builder()
 *     .sessionTtl(Duration.ofHours(24))
 *     .build();
 * }</pre>
 */
public final class InMemoryMessageStore implements MessageStore {
  private final Clock clock;
  private final Duration sessionTtl; // null: sessions never expire
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  // namespace -> (session id -> last activity, epoch ms); guarded by itself
  private final Map<String, Map<String, Long>> indexes = new ConcurrentHashMap<>();
  private final Duration sweepInterval; // null without a TTL
  private final java.util.concurrent.atomic.AtomicLong nextSweepMillis;

  private InMemoryMessageStore(Builder b) {
    this.clock = b.clock;
    this.sessionTtl = b.sessionTtl;
    this.sweepInterval = b.sweepInterval != null ? b.sweepInterval
        : sessionTtl == null ? null
        : sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 ? sessionTtl : Duration.ofMinutes(1);
    this.nextSweepMillis = new java.util.concurrent.atomic.AtomicLong(
        sweepInterval == null ? Long.MAX_VALUE : clock.millis() + sweepInterval.toMillis());
  }

  /** Reclaims every expired session when a sweep is due; one caller sweeps, others go on. */
  private void sweepIfDue() {
    long due = nextSweepMillis.get();
    long now = clock.millis();
    if (now < due || !nextSweepMillis.compareAndSet(due, now + sweepInterval.toMillis())) {
      return;
    }
    for (Map.Entry<String, Session> e : sessions.entrySet()) {
      Session s = e.getValue();
      synchronized (s) {
        if (!s.removed) {
          expireIfDue(e.getKey(), s);
        }
      }
    }
  }

  /** Sessions held now, expired ones not yet reclaimed included. */
  int heldSessions() {
    return sessions.size();
  }

  /**
   * A store with no TTL on the system clock.
   *
   * @return a new store, empty
   */
  public static InMemoryMessageStore create() {
    return builder().build();
  }

  /**
   * A builder for a store with a TTL, a sweep interval or a clock of its own.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<AppendResult> write(
      String sessionId, String namespace, SessionWrite write, Instant now) {
    notBlank(sessionId, "sessionId");
    notNull(namespace, "namespace");
    notNull(write, "write");
    notNull(now, "now");
    sweepIfDue();
    while (true) {
      Session s = sessions.computeIfAbsent(sessionId, id -> new Session());
      synchronized (s) {
        if (s.removed) {
          continue; // lost a race with delete or expiry: start over on a fresh session
        }
        if (expireIfDue(sessionId, s)) {
          continue;
        }
        String replay = write.replayId();
        if (replay != null && s.recentAppends.contains(replay)) {
          return CompletableFuture.completedFuture( // stored already: a retry or a replay
              new AppendResult(s.messages.size(), s.messageTokens));
        }
        if (replay != null) {
          if (s.recentAppends.size() == SessionWrite.REMEMBERED_APPENDS) {
            s.recentAppends.removeFirst();
          }
          s.recentAppends.addLast(replay);
        }
        if (write.replacesMessages()) {
          s.messages.clear();
          s.messageTokens = 0;
          s.pinned = null;
        }
        if (write.replacesSummary()) {
          s.summary = write.summary();
        }
        if (write.fencesCompaction()) {
          // A compaction in flight read the old state; revoking its lease makes its commit fail
          // so it starts again from the new one instead of overwriting it.
          s.leaseToken = null;
          s.leaseExpiresAt = null;
        }
        for (Message m : write.messages()) {
          if (m.pinned()) {
            s.pinned = m;
          } else {
            s.messages.addLast(m);
            s.messageTokens += m.tokenCount();
          }
        }
        touch(sessionId, namespace, s, now);
        return CompletableFuture.completedFuture(
            new AppendResult(s.messages.size(), s.messageTokens));
      }
    }
  }

  @Override
  public CompletableFuture<SessionState> read(String sessionId, int limit) {
    notBlank(sessionId, "sessionId");
    atLeast(limit, 1, "limit");
    Session s = live(sessionId);
    if (s == null) {
      return CompletableFuture.completedFuture(SessionState.EMPTY);
    }
    synchronized (s) {
      if (s.removed) {
        return CompletableFuture.completedFuture(SessionState.EMPTY);
      }
      int skip = Math.max(0, s.messages.size() - limit);
      List<Message> newest = new ArrayList<>(Math.min(limit, s.messages.size()));
      Iterator<Message> it = s.messages.iterator();
      for (int i = 0; it.hasNext(); i++) {
        Message m = it.next();
        if (i >= skip) {
          newest.add(m);
        }
      }
      return CompletableFuture.completedFuture(
          new SessionState(
              s.pinned, newest, s.summary, s.summarizerTokensUsed, s.messages.size(), s.messageTokens));
    }
  }

  @Override
  public CompletableFuture<Boolean> acquireLease(String sessionId, String token, Duration ttl) {
    notBlank(sessionId, "sessionId");
    notBlank(token, "token");
    positive(ttl, "ttl");
    Session s = sessions.computeIfAbsent(sessionId, id -> new Session());
    synchronized (s) {
      if (s.removed || expireIfDue(sessionId, s)) {
        return CompletableFuture.completedFuture(false);
      }
      Instant now = clock.instant();
      if (s.leaseToken != null && now.isBefore(s.leaseExpiresAt)) {
        return CompletableFuture.completedFuture(false);
      }
      s.leaseToken = token;
      s.leaseExpiresAt = now.plus(ttl);
      return CompletableFuture.completedFuture(true);
    }
  }

  @Override
  public CompletableFuture<Boolean> renewLease(String sessionId, String token, Duration ttl) {
    notBlank(sessionId, "sessionId");
    notBlank(token, "token");
    positive(ttl, "ttl");
    Session s = sessions.get(sessionId);
    if (s == null) {
      return CompletableFuture.completedFuture(false);
    }
    synchronized (s) {
      if (!holds(s, token)) {
        return CompletableFuture.completedFuture(false);
      }
      s.leaseExpiresAt = clock.instant().plus(ttl);
      return CompletableFuture.completedFuture(true);
    }
  }

  @Override
  public CompletableFuture<Void> releaseLease(String sessionId, String token) {
    notBlank(sessionId, "sessionId");
    notBlank(token, "token");
    Session s = sessions.get(sessionId);
    if (s != null) {
      synchronized (s) {
        if (token.equals(s.leaseToken)) {
          s.leaseToken = null;
          s.leaseExpiresAt = null;
        }
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<CommitResult> commit(String sessionId, Compaction compaction) {
    notBlank(sessionId, "sessionId");
    notNull(compaction, "compaction");
    Session s = sessions.get(sessionId);
    if (s == null) {
      return CompletableFuture.completedFuture(CommitResult.LEASE_LOST);
    }
    synchronized (s) {
      if (s.removed || expireIfDue(sessionId, s) || !holds(s, compaction.leaseToken())) {
        return CompletableFuture.completedFuture(CommitResult.LEASE_LOST);
      }
      List<String> ids = compaction.foldedIds();
      if (ids.size() > s.messages.size()) {
        return CompletableFuture.completedFuture(CommitResult.SESSION_CHANGED);
      }
      Iterator<Message> it = s.messages.iterator();
      for (String id : ids) {
        if (!it.next().id().equals(id)) {
          return CompletableFuture.completedFuture(CommitResult.SESSION_CHANGED);
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        s.messageTokens -= s.messages.removeFirst().tokenCount();
      }
      if (compaction.summary() != null) {
        s.summary = compaction.summary();
      }
      s.summarizerTokensUsed += compaction.tokensUsed();
      s.lastWrite = clock.instant();
      return CompletableFuture.completedFuture(CommitResult.COMMITTED);
    }
  }

  @Override
  public CompletableFuture<Boolean> delete(String sessionId) {
    notBlank(sessionId, "sessionId");
    Session s = sessions.get(sessionId);
    if (s == null) {
      return CompletableFuture.completedFuture(false);
    }
    synchronized (s) {
      if (s.removed) {
        return CompletableFuture.completedFuture(false);
      }
      boolean existed = !s.isBlank() && !isExpired(s);
      remove(sessionId, s);
      return CompletableFuture.completedFuture(existed);
    }
  }

  @Override
  public CompletableFuture<List<String>> sessions(
      String namespace, int page, int size, SessionOrder order) {
    notNull(namespace, "namespace");
    atLeast(page, 1, "page");
    between(size, 1, 100, "size");
    notNull(order, "order");
    Map<String, Long> index = indexes.get(namespace);
    if (index == null) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<Map.Entry<String, Long>> entries;
    synchronized (index) {
      entries = new ArrayList<>(index.entrySet());
    }
    entries.removeIf(e -> live(e.getKey()) == null);
    Comparator<Map.Entry<String, Long>> byActivity =
        Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey());
    entries.sort(order == SessionOrder.LEAST_RECENT_FIRST ? byActivity : byActivity.reversed());
    long from = (long) (page - 1) * size;
    List<String> ids = new ArrayList<>();
    for (long i = from; i < entries.size() && i < from + size; i++) {
      ids.add(entries.get((int) i).getKey());
    }
    return CompletableFuture.completedFuture(List.copyOf(ids));
  }

  @Override
  public String toString() {
    return "InMemoryMessageStore{sessions=" + sessions.size() + ", sessionTtl=" + sessionTtl + "}";
  }

  private Session live(String sessionId) {
    Session s = sessions.get(sessionId);
    if (s == null) {
      return null;
    }
    synchronized (s) {
      return s.removed || expireIfDue(sessionId, s) || s.isBlank() ? null : s;
    }
  }

  /**
   * Whether the lease is held with the token and has not expired: an expired lease, as on
   * Redis, is held by nobody, so its former holder can neither renew it nor commit.
   */
  private boolean holds(Session s, String token) {
    return !s.removed && token.equals(s.leaseToken) && clock.instant().isBefore(s.leaseExpiresAt);
  }

  private void touch(String sessionId, String namespace, Session s, Instant now) {
    s.lastWrite = clock.instant();
    s.namespaces.add(namespace);
    Map<String, Long> index = indexes.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>());
    synchronized (index) {
      index.put(sessionId, now.toEpochMilli());
    }
  }

  private boolean isExpired(Session s) {
    return sessionTtl != null
        && s.lastWrite != null
        && !clock.instant().isBefore(s.lastWrite.plus(sessionTtl));
  }

  // Caller holds s's monitor.
  private boolean expireIfDue(String sessionId, Session s) {
    if (isExpired(s)) {
      remove(sessionId, s);
      return true;
    }
    return false;
  }

  // Caller holds s's monitor.
  private void remove(String sessionId, Session s) {
    s.removed = true;
    // Index entries first, while s is still the session's entry in the map: a writer of this
    // id blocks on s until this returns, then starts a new session and indexes it afresh, so
    // the entries removed here are never the new session's.
    for (String ns : s.namespaces) {
      Map<String, Long> index = indexes.get(ns);
      if (index != null) {
        synchronized (index) {
          index.remove(sessionId);
        }
      }
    }
    sessions.remove(sessionId, s);
  }

  /** One session's state; guarded by its own monitor. */
  private static final class Session {
    final ArrayDeque<Message> messages = new ArrayDeque<>();
    final ArrayDeque<String> recentAppends = new ArrayDeque<>(SessionWrite.REMEMBERED_APPENDS);
    final Set<String> namespaces = new HashSet<>();
    long messageTokens;
    Message pinned;
    String summary;
    long summarizerTokensUsed;
    String leaseToken;
    Instant leaseExpiresAt;
    Instant lastWrite;
    boolean removed;

    boolean isBlank() {
      return messages.isEmpty() && pinned == null && summary == null && summarizerTokensUsed == 0
          && lastWrite == null;
    }
  }

  /** Builds an {@link InMemoryMessageStore}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration sessionTtl;
    private Duration sweepInterval;

    private Builder() {}

    /**
     * The time source for TTL and leases; the system clock by default.
     *
     * @param clock the clock; tests pass one they can move
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Sessions not written for this long expire; by default they never do.
     *
     * @param sessionTtl positive; counted from the session's last write, a compaction's commit
     *     included
     * @return this builder
     */
    public Builder sessionTtl(Duration sessionTtl) {
      this.sessionTtl = positive(sessionTtl, "sessionTtl");
      return this;
    }

    /**
     * How often, at most, expired sessions are reclaimed (see the class comment); the TTL or 1
     * minute, whichever is shorter, by default. Only meaningful with a TTL.
     *
     * @param sweepInterval positive
     * @return this builder
     */
    public Builder sweepInterval(Duration sweepInterval) {
      this.sweepInterval = positive(sweepInterval, "sweepInterval");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return a new, empty store
     */
    public InMemoryMessageStore build() {
      return new InMemoryMessageStore(this);
    }
  }
}
