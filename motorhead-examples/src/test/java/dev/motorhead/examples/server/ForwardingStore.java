package dev.motorhead.examples.server;

import dev.motorhead.store.AppendResult;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.InMemoryMessageStore;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import dev.motorhead.store.SessionState;
import dev.motorhead.store.SessionWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An in-memory store that tests subclass to make one operation wait or fail. */
class ForwardingStore implements MessageStore {
  private final InMemoryMessageStore delegate = InMemoryMessageStore.create();

  @Override
  public CompletableFuture<SessionState> read(String sessionId, int limit) {
    return delegate.read(sessionId, limit);
  }

  @Override
  public CompletableFuture<AppendResult> write(
      String sessionId, String namespace, SessionWrite write, Instant now) {
    return delegate.write(sessionId, namespace, write, now);
  }

  @Override
  public CompletableFuture<Boolean> acquireLease(String sessionId, String token, Duration ttl) {
    return delegate.acquireLease(sessionId, token, ttl);
  }

  @Override
  public CompletableFuture<Boolean> renewLease(String sessionId, String token, Duration ttl) {
    return delegate.renewLease(sessionId, token, ttl);
  }

  @Override
  public CompletableFuture<Void> releaseLease(String sessionId, String token) {
    return delegate.releaseLease(sessionId, token);
  }

  @Override
  public CompletableFuture<CommitResult> commit(String sessionId, Compaction compaction) {
    return delegate.commit(sessionId, compaction);
  }

  @Override
  public CompletableFuture<Boolean> delete(String sessionId) {
    return delegate.delete(sessionId);
  }

  @Override
  public CompletableFuture<List<String>> sessions(
      String namespace, int page, int size, SessionOrder order) {
    return delegate.sessions(namespace, page, size, order);
  }
}
