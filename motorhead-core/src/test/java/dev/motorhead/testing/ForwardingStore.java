package dev.motorhead.testing;

import dev.motorhead.store.AppendResult;
import dev.motorhead.store.CommitResult;
import dev.motorhead.store.Compaction;
import dev.motorhead.store.MessageStore;
import dev.motorhead.store.SessionOrder;
import dev.motorhead.store.SessionState;
import dev.motorhead.store.SessionWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A store that hands every call to another, for tests to watch or change one of them. */
public class ForwardingStore implements MessageStore {
  private final MessageStore delegate;

  public ForwardingStore(MessageStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<AppendResult> write(String s, String ns, SessionWrite w, Instant now) {
    return delegate.write(s, ns, w, now);
  }

  @Override
  public CompletableFuture<SessionState> read(String s, int limit) {
    return delegate.read(s, limit);
  }

  @Override
  public CompletableFuture<Boolean> acquireLease(String s, String token, Duration ttl) {
    return delegate.acquireLease(s, token, ttl);
  }

  @Override
  public CompletableFuture<Boolean> renewLease(String s, String token, Duration ttl) {
    return delegate.renewLease(s, token, ttl);
  }

  @Override
  public CompletableFuture<Void> releaseLease(String s, String token) {
    return delegate.releaseLease(s, token);
  }

  @Override
  public CompletableFuture<CommitResult> commit(String s, Compaction compaction) {
    return delegate.commit(s, compaction);
  }

  @Override
  public CompletableFuture<Boolean> delete(String s) {
    return delegate.delete(s);
  }

  @Override
  public CompletableFuture<List<String>> sessions(String ns, int page, int size, SessionOrder o) {
    return delegate.sessions(ns, page, size, o);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
