package dev.motorhead.longterm;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;
import static dev.motorhead.internal.Arguments.positive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link VectorStore} in this JVM's heap: the default of {@link LongTermMemory}, for tests,
 * demos and single-process applications. Thread-safe; every operation completes before it
 * returns (the futures are already complete). Searches scan the session's entries exactly.
 *
 * <p>With {@link Builder#sessionTtl(Duration)} a session's entries disappear when none was put
 * for that long; give it the TTL of the {@link dev.motorhead.store.InMemoryMessageStore} so
 * vectors expire with their session. Expired sessions are not only hidden but reclaimed: every
 * put or search that comes at least {@link Builder#sweepInterval(Duration) a sweep interval}
 * after the last sweep first removes every expired session, so the store holds at most the
 * sessions written within the last TTL plus one interval (and nothing is reclaimed while nothing
 * calls it, which also means nothing grows). Without a TTL nothing expires: memory grows with
 * every message indexed until {@link #delete} or {@link #close()}. Time comes from the
 * {@link Clock} given, so tests can move it instead of waiting.
 *
 * <pre>{@code
 * VectorStore vectors = InMemoryVectorStore.builder().sessionTtl(Duration.ofHours(24)).build();
 * }</pre>
 */
public final class InMemoryVectorStore implements VectorStore {
  private final Clock clock;
  private final Duration sessionTtl; // null: entries never expire
  private final Duration sweepInterval;
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong nextSweepMillis;

  private InMemoryVectorStore(Builder b) {
    this.clock = b.clock;
    this.sessionTtl = b.sessionTtl;
    this.sweepInterval = b.sweepInterval != null ? b.sweepInterval
        : sessionTtl == null ? null
        : sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 ? sessionTtl : Duration.ofMinutes(1);
    this.nextSweepMillis = new java.util.concurrent.atomic.AtomicLong(
        sweepInterval == null ? Long.MAX_VALUE : clock.millis() + sweepInterval.toMillis());
  }

  /** Removes every expired session when a sweep is due; one caller sweeps, the others go on. */
  private void sweepIfDue(Instant now) {
    long due = nextSweepMillis.get();
    long nowMillis = now.toEpochMilli();
    if (nowMillis < due
        || !nextSweepMillis.compareAndSet(due, nowMillis + sweepInterval.toMillis())) {
      return;
    }
    sessions.entrySet().removeIf(e -> expired(e.getValue(), now));
  }

  /** Sessions held now, expired ones not yet reclaimed included. */
  int heldSessions() {
    return sessions.size();
  }

  /**
   * A store whose entries never expire.
   *
   * @return a new, empty store on the system clock
   */
  public static InMemoryVectorStore create() {
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
  public CompletableFuture<Void> put(String sessionId, List<VectorEntry> entries) {
    notBlank(sessionId, "sessionId");
    if (notNull(entries, "entries").isEmpty()) {
      throw new IllegalArgumentException("entries must not be empty");
    }
    List<VectorEntry> copy = List.copyOf(entries);
    Instant now = clock.instant();
    sweepIfDue(now);
    sessions.compute(
        sessionId,
        (id, s) -> {
          Session live = s == null || expired(s, now) ? new Session() : s;
          synchronized (live) {
            for (VectorEntry e : copy) {
              live.entries.putIfAbsent(e.messageId(), e);
            }
            live.lastPut = now;
          }
          return live;
        });
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<List<SearchHit>> nearest(String sessionId, float[] query, int k) {
    notBlank(sessionId, "sessionId");
    Nearest nearest = Nearest.to(query, atLeast(k, 1, "k"));
    Instant now = clock.instant();
    sweepIfDue(now);
    Session s = sessions.computeIfPresent(sessionId, (id, old) -> expired(old, now) ? null : old);
    if (s != null) {
      synchronized (s) {
        s.entries.values().forEach(nearest::offer);
      }
    }
    return CompletableFuture.completedFuture(nearest.result());
  }

  @Override
  public CompletableFuture<Void> delete(String sessionId) {
    sessions.remove(notBlank(sessionId, "sessionId"));
    return CompletableFuture.completedFuture(null);
  }

  private boolean expired(Session s, Instant now) {
    synchronized (s) {
      return sessionTtl != null && !now.isBefore(s.lastPut.plus(sessionTtl));
    }
  }

  @Override
  public String toString() {
    return "InMemoryVectorStore{sessions=" + sessions.size() + ", sessionTtl=" + sessionTtl + "}";
  }

  private static final class Session {
    // guarded by the session's monitor
    final Map<String, VectorEntry> entries = new LinkedHashMap<>();
    Instant lastPut;
  }

  /** Builds an {@link InMemoryVectorStore}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration sessionTtl;
    private Duration sweepInterval;

    private Builder() {}

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
     * Entries of a session disappear once none was put for this long; never by default.
     *
     * @param sessionTtl positive; counted from the session's last put
     * @return this builder
     */
    public Builder sessionTtl(Duration sessionTtl) {
      this.sessionTtl = positive(sessionTtl, "sessionTtl");
      return this;
    }

    /**
     * The time source for the TTL; the system UTC clock by default.
     *
     * @param clock the clock; tests pass one they can move
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return a new, empty store
     */
    public InMemoryVectorStore build() {
      return new InMemoryVectorStore(this);
    }
  }
}
