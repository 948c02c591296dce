package dev.motorhead;

import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.internal.Futures;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.store.AppendResult;
import dev.motorhead.store.SessionState;
import dev.motorhead.store.SessionWrite;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One session's memory, from {@link MemoryClient#session(String)}. A light view holding no
 * state of its own: thread-safe, cheap to create per request, and any number of views (in any
 * number of JVMs) may write the same session at once.
 *
 * <p>Each operation has a blocking form and an asynchronous form returning a
 * {@link CompletableFuture}; the blocking form waits for the asynchronous one. Bad arguments
 * are rejected at once with {@link IllegalArgumentException} and nothing is written; store and
 * model failures surface as {@link MemoryException} (in the asynchronous forms, as the future's
 * failure).
 *
 * <pre>{@code
 * SessionMemory session = client.session("user-42").inNamespace("acme");
 * session.add(Message.of(Message.USER, "My name is Ada"), Message.of(Message.ASSISTANT, "Hi Ada!"));
 * Memory memory = session.memory();
 * memory.summary().ifPresent(summary -> prompt.addSystem("Earlier: " + summary));
 * }</pre>
 */
public final class SessionMemory {
  private final MemoryClient client;
  private final String id;
  private final String namespace;

  SessionMemory(MemoryClient client, String id, String namespace) {
    this.client = client;
    this.id = id;
    this.namespace = namespace;
  }

  /**
   * The session id.
   *
   * @return the non-blank id given to {@link MemoryClient#session(String)}
   */
  public String id() {
    return id;
  }

  /**
   * The namespace this view records the session's activity in; empty for the default.
   *
   * @return the namespace; {@link dev.motorhead.store.MessageStore#DEFAULT_NAMESPACE} for the
   *     default
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The same session, recording its writes in another namespace's session index (Motorhead's
   * {@code ?namespace=}). Namespaces only group sessions for listing; the id alone names the
   * session's data.
   *
   * @param namespace any string, not null; empty for the default namespace
   * @return a new view of the same session; this one is unchanged
   * @throws IllegalArgumentException if namespace is null
   */
  public SessionMemory inNamespace(String namespace) {
    return new SessionMemory(client, id, notNull(namespace, "namespace"));
  }

  /**
   * Appends messages, oldest first, in one atomic store operation. Messages without a creation
   * time get the client clock's current time (to the millisecond), and without a token count
   * get one from the client's token counter when the client has a token budget (see
   * {@link Message#tokenCount()}). A {@linkplain Message#pinned() pinned} message replaces the
   * session's pinned message instead of joining the window. An empty call writes nothing.
   *
   * @param messages the messages to append, oldest first
   * @throws IllegalArgumentException if messages or one of them is null, or a message's content
   *     is longer than the client's {@link MemoryClient.Builder#maxMessageLength(int)}
   * @throws MemoryException if the store fails
   */
  public void add(Message... messages) {
    add(Arrays.asList(notNull(messages, "messages")));
  }

  /**
   * Like {@link #add(Message...)}.
   *
   * @param messages the messages to append, oldest first
   * @throws IllegalArgumentException if messages or one of them is null, or a message's content is
   *     longer than the client's {@link MemoryClient.Builder#maxMessageLength(int)}
   * @throws MemoryException if the store fails
   */
  public void add(List<Message> messages) {
    List<Message> stamped = stamp(messages);
    if (!stamped.isEmpty()) {
      writeBlocking(SessionWrite.append(stamped), stamped);
    }
  }

  /**
   * The asynchronous form of {@link #add(List)}: completes once the messages are stored (and,
   * in {@link CompactionMode#SYNC}, once the compaction attempt they triggered has finished).
   *
   * @param messages the messages to append, oldest first
   * @return a future completing with {@code null}, or failing with a {@link MemoryException} if the
   *     store fails
   * @throws IllegalArgumentException at once if messages or one of them is null
   */
  public CompletableFuture<Void> addAsync(List<Message> messages) {
    List<Message> stamped = stamp(messages);
    if (stamped.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return write(SessionWrite.append(stamped), stamped);
  }

  /**
   * Replaces the running summary with {@code context} and appends messages, in one atomic store
   * operation: both happen or neither does (Motorhead's {@code POST} with a context). A blank
   * context removes the summary. A compaction in flight is fenced off and starts again from the
   * new summary.
   *
   * @param context the new summary; blank to remove it
   * @param messages the messages to append, oldest first; may be empty
   * @throws IllegalArgumentException if context, messages or one of them is null
   * @throws MemoryException if the store fails
   */
  public void addWithContext(String context, List<Message> messages) {
    notNull(context, "context");
    List<Message> stamped = stamp(messages);
    writeBlocking(new SessionWrite(stamped, false, true, summaryOf(context)), stamped);
  }

  /**
   * The asynchronous form of {@link #addWithContext(String, List)}.
   *
   * @param context the new summary; blank to remove it
   * @param messages the messages to append, oldest first; may be empty
   * @return a future completing with {@code null}, or failing with a {@link MemoryException} if the
   *     store fails
   * @throws IllegalArgumentException at once if context, messages or one of them is null
   */
  public CompletableFuture<Void> addWithContextAsync(String context, List<Message> messages) {
    notNull(context, "context");
    List<Message> stamped = stamp(messages);
    return write(new SessionWrite(stamped, false, true, summaryOf(context)), stamped);
  }

  /**
   * Replaces everything the session shows, in one atomic store operation: its pinned message,
   * its running summary (by {@code context}; blank for none) and all its messages, by the
   * given ones. A compaction in flight is fenced off. Long-term memory keeps what it indexed
   * (only {@link #delete()} removes it) and indexes the new messages; the summary's token
   * total is kept, since those tokens were spent.
   *
   * @param context the new summary; blank for none
   * @param messages the session's new messages, oldest first; may be empty
   * @throws IllegalArgumentException if context, messages or one of them is null
   * @throws MemoryException if the store fails
   */
  public void replace(String context, List<Message> messages) {
    notNull(context, "context");
    List<Message> stamped = stamp(messages);
    writeBlocking(new SessionWrite(stamped, true, true, summaryOf(context)), stamped);
  }

  /**
   * The asynchronous form of {@link #replace(String, List)}.
   *
   * @param context the new summary; blank for none
   * @param messages the session's new messages, oldest first; may be empty
   * @return a future completing with {@code null}, or failing with a {@link MemoryException} if the
   *     store fails
   * @throws IllegalArgumentException at once if context, messages or one of them is null
   */
  public CompletableFuture<Void> replaceAsync(String context, List<Message> messages) {
    notNull(context, "context");
    List<Message> stamped = stamp(messages);
    return write(new SessionWrite(stamped, true, true, summaryOf(context)), stamped);
  }

  private static String summaryOf(String context) {
    return context.isBlank() ? null : context;
  }

  private void writeBlocking(SessionWrite write, List<Message> stamped) {
    AppendResult written =
        Futures.join(client.store().write(id, namespace, write, client.clock().instant()));
    index(stamped);
    client.compactor().afterAppendBlocking(id, written.messageCount(), written.messageTokens());
  }

  private CompletableFuture<Void> write(SessionWrite write, List<Message> stamped) {
    return client
        .store()
        .write(id, namespace, write, client.clock().instant())
        .thenCompose(
            written -> {
              index(stamped);
              return client
                  .compactor()
                  .afterAppend(id, written.messageCount(), written.messageTokens());
            });
  }

  /** Long-term memory indexes the conversation, not the pinned system prompt. */
  private void index(List<Message> stamped) {
    if (!client.longTermMemory().isEnabled() || stamped.isEmpty()) {
      return;
    }
    List<Message> conversation = stamped;
    for (Message m : stamped) {
      if (m.pinned()) {
        conversation = stamped.stream().filter(x -> !x.pinned()).toList();
        break;
      }
    }
    if (!conversation.isEmpty()) {
      client.longTermMemory().index(id, conversation);
    }
  }

  private List<Message> stamp(List<Message> messages) {
    notNull(messages, "messages");
    Instant now = null;
    List<Message> stamped = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m == null) {
        throw new IllegalArgumentException("messages[" + i + "] must not be null");
      }
      if (m.content().length() > client.maxMessageLength()) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "messages[%d] has %,d characters, more than maxMessageLength (%,d; see "
                + "MemoryClient.Builder.maxMessageLength)",
            i, m.content().length(), client.maxMessageLength()));
      }
      boolean count = m.tokenCount() == 0 && client.countsTokensOnWrite();
      if (m.createdAt() == null || count) {
        Message.Builder b = m.toBuilder();
        if (m.createdAt() == null) {
          if (now == null) {
            now = client.clock().instant().truncatedTo(ChronoUnit.MILLIS);
          }
          b.createdAt(now);
        }
        if (count) {
          b.tokenCount(client.tokenCounter().count(m));
        }
        m = b.build();
      }
      stamped.add(m);
    }
    return stamped;
  }

  /**
   * The session's memory now: its pinned message, at most the window's newest messages, oldest
   * first, and the running summary. Only complete groups are shown, each member beside the
   * others (see {@link Message}). An unknown session has no messages and no summary.
   *
   * @return the memory; empty (no messages, no summary) for an unknown session
   * @throws MemoryException if the store fails
   */
  public Memory memory() {
    return Futures.join(memoryAsync());
  }

  /**
   * The asynchronous form of {@link #memory()}.
   *
   * @return a future of the memory, failing with a {@link MemoryException} if the store fails
   */
  public CompletableFuture<Memory> memoryAsync() {
    return client
        .store()
        .read(id, client.windowSize())
        .thenApply(
            (SessionState s) -> {
              client.compactor().afterRead(id, s.messageCount(), s.messageTokens());
              return new Memory(
                  s.pinned(), Groups.window(s.messages()), s.summary(), s.summarizerTokensUsed());
            });
  }

  /**
   * Replaces the running summary with your own text (Motorhead's context preload). A
   * compaction in flight is fenced off and starts again from this text. A blank text removes
   * the summary.
   *
   * @param context the new summary; blank to remove it
   * @throws IllegalArgumentException if context is null
   * @throws MemoryException if the store fails
   */
  public void setContext(String context) {
    Futures.join(setContextAsync(context));
  }

  /**
   * The asynchronous form of {@link #setContext(String)}.
   *
   * @param context the new summary; blank to remove it
   * @return a future completing with {@code null}, or failing with a {@link MemoryException} if the
   *     store fails
   * @throws IllegalArgumentException at once if context is null
   */
  public CompletableFuture<Void> setContextAsync(String context) {
    notNull(context, "context");
    return client.store().replaceSummary(id, namespace, summaryOf(context),
        client.clock().instant());
  }

  /**
   * Removes everything of the session: messages, summary, token count, index entries and
   * long-term memory. A compaction in flight cannot write it back.
   *
   * @return whether the session existed
   */
  public boolean delete() {
    boolean existed = Futures.join(client.store().delete(id));
    client.longTermMemory().delete(id);
    return existed;
  }

  /**
   * The asynchronous form of {@link #delete()}. The long-term memory part, which may block,
   * runs on a thread of the client's own (never the common pool, the store's I/O threads, nor
   * behind queued compactions).
   *
   * @return a future of whether the session existed, failing with a {@link MemoryException} if the
   *     store fails
   */
  public CompletableFuture<Boolean> deleteAsync() {
    CompletableFuture<Boolean> deleted = client.store().delete(id);
    if (!client.longTermMemoryEnabled()) {
      return deleted;
    }
    return deleted.thenApplyAsync(
        existed -> {
          client.longTermMemory().delete(id);
          return existed;
        },
        client.blockingExecutor());
  }

  /**
   * Compacts the session now, on the calling thread, and returns once it is within its window,
   * so that a read after it sees the summary. While another compactor holds the session's lease
   * (this client's background compaction, or another client's) it waits for that one to commit,
   * for at most the client's {@link MemoryClient.Builder#leaseDuration(java.time.Duration) lease duration}; it
   * returns early, leaving the rest to the background, if the thread is interrupted. Background
   * compaction makes this unnecessary; it is there for tests, batch jobs and shutdown hooks.
   *
   * @throws MemoryException if the store or the summarizer fails (nothing is lost)
   */
  public void compact() {
    client.compactor().compactWaiting(id);
  }

  /**
   * The {@code k} messages of this session nearest to {@code query}, nearest first, from
   * long-term memory (which reaches messages already folded into the summary). "Nearest" is the
   * long-term memory's embedder's: shared words for the default lexical embedder, meaning for a model.
   *
   * @param query any text, not null
   * @param k 1 to 100
   * @return at most {@code k} hits, nearest first; empty when nothing of the session is
   *     indexed
   * @throws IllegalStateException if the client has no long-term memory
   * @throws IllegalArgumentException if query is null or k is outside 1 to 100
   */
  public List<SearchHit> search(String query, int k) {
    notNull(query, "query");
    between(k, 1, 100, "k");
    if (!client.longTermMemoryEnabled()) {
      throw new IllegalStateException("Long-term memory is not enabled for this client");
    }
    return client.longTermMemory().search(id, query, k);
  }

  /**
   * {@link #search(String, int)} with {@code k = 10}.
   *
   * @param query any text, not null
   * @return at most 10 hits, nearest first
   * @throws IllegalArgumentException if query is null
   * @throws IllegalStateException if the client has no long-term memory
   */
  public List<SearchHit> search(String query) {
    return search(query, 10);
  }

  @Override
  public String toString() {
    return "SessionMemory{id=" + id + (namespace.isEmpty() ? "" : ", namespace=" + namespace) + "}";
  }
}
