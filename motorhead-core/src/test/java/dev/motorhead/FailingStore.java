package dev.motorhead;

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

/** A store whose server is down: every operation fails as a store adapter would report it. */
final class FailingStore implements MessageStore {
  private static <T> CompletableFuture<T> down() {
    return CompletableFuture.failedFuture(new StoreException("store down"));
  }

  @Override
  public CompletableFuture<AppendResult> write(String s, String ns, SessionWrite w, Instant now) {
    return down();
  }

  @Override
  public CompletableFuture<SessionState> read(String s, int limit) {
    return down();
  }

  @Override
  public CompletableFuture<Boolean> acquireLease(String s, String token, Duration ttl) {
    return down();
  }

  @Override
  public CompletableFuture<Boolean> renewLease(String s, String token, Duration ttl) {
    return down();
  }

  @Override
  public CompletableFuture<Void> releaseLease(String s, String token) {
    return down();
  }

  @Override
  public CompletableFuture<CommitResult> commit(String s, Compaction c) {
    return down();
  }

  @Override
  public CompletableFuture<Boolean> delete(String s) {
    return down();
  }

  @Override
  public CompletableFuture<List<String>> sessions(String ns, int page, int size, SessionOrder o) {
    return down();
  }
}
