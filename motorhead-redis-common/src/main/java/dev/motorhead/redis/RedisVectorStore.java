package dev.motorhead.redis;

import static dev.motorhead.redis.RedisReplies.number;
import static dev.motorhead.redis.RedisReplies.text;
import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.StoreException;
import dev.motorhead.longterm.Nearest;
import dev.motorhead.longterm.SearchHit;
import dev.motorhead.longterm.VectorEntry;
import dev.motorhead.longterm.VectorStore;
import dev.motorhead.redis.internal.RedisScript;
import dev.motorhead.redis.internal.ScriptRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Long-term memory vectors in Redis, beside the session they belong to: a {@link VectorStore}
 * for {@link dev.motorhead.longterm.LongTermMemory} that runs on plain Redis and Redis Cluster
 * (no search module: only strings, hashes, lists and Lua), through the same connection, key
 * prefix and TTL as a Redis message store of either driver.
 *
 * <pre>{@code
 * LettuceMessageStore store = LettuceMessageStore.builder(redisClient)
 *     .sessionTtl(Duration.ofDays(7)).build();           // or JedisMessageStore
 * LongTermMemory longTerm = LongTermMemory.builder()
 *     .embedder(openAiEmbedder)
 *     .vectorStore(RedisVectorStore.create(store))
 *     .build();
 * MemoryClient client = MemoryClient.builder().store(store).longTermMemory(longTerm).build();
 * }</pre>
 *
 * <h2>Layout</h2>
 * Three keys per session, under the session's hash tag in the native layout (one cluster slot
 * with its messages): {@code <prefix>:{<tag>}:recall}, a hash from message id to entry (role,
 * content, creation time and the float32 vector; the empty field holds the dimensions);
 * {@code <prefix>:{<tag>}:recall_codes}, a header and every entry's 7-bit code end to end (one
 * byte per dimension); {@code <prefix>:{<tag>}:recall_ids}, the ids in code order. See
 * {@code VectorCodec}. With the Motorhead layout they are {@code <prefix>:recall:<id>},
 * {@code <prefix>:recall_codes:<id>} and {@code <prefix>:recall_ids:<id>}.
 *
 * <ul>
 *   <li><b>Put</b>: one script per batch; writes only while the session exists (so a batch
 *       indexed after a delete, or after expiry, writes nothing, in any JVM), skips ids already
 *       present, and gives the keys the session's remaining TTL. Every later write of the
 *       session refreshes them with the rest of its keys.
 *   <li><b>Search</b>, exact: the {@code k} entries nearest by the cosine of their float32
 *       vectors, provably. The first round trip reads the session's codes with a plain
 *       {@code GET} (a script would cost Redis two more copies) and gives every entry, in Java,
 *       an approximate cosine and an upper bound of its true cosine from its rounded code; the
 *       second reads the float32 vectors of the {@code max(4k, k + 32)} entries nearest by
 *       their codes and ranks them
 *       exactly. Entries not read whose bound still exceeds the k-th best exact cosine are read
 *       and ranked in a third round trip, which the bounds make rare.
 *   <li><b>Delete</b>: deleting the session in the message store deletes these keys too; so
 *       does {@link #delete}, which leaves the messages.
 * </ul>
 *
 * <p>Thread-safe. Uses the message store's connection: {@link #close()} does nothing, close the
 * message store. Failures complete the futures with a {@link StoreException}.
 */
public final class RedisVectorStore implements VectorStore {
  // on the recall keys (KeyLayout.recallKeys), without the session prelude
  private static final RedisScript PUT = RedisScript.onIndex("recall_put");
  private static final RedisScript FETCH = RedisScript.onIndex("recall_fetch");
  private static final RedisScript DELETE = RedisScript.onIndex("recall_delete");

  private final ScriptRunner runner;
  private final KeyLayout keys;
  private final String description;

  private RedisVectorStore(RedisMessageStore store) {
    this.runner = store.runner();
    this.keys = store.keyLayout();
    this.description = "RedisVectorStore{on " + store + "}";
  }

  /**
   * Vectors beside the sessions of a Redis message store ({@code LettuceMessageStore} or
   * {@code JedisMessageStore}), on its connection and key prefix, expiring with its sessions.
   *
   * @param store the message store whose connection, key prefix and TTL the vectors share;
   *     the caller closes it
   * @return a new vector store; closing it leaves the message store open
   * @throws IllegalArgumentException if store is null
   */
  public static RedisVectorStore create(RedisMessageStore store) {
    return new RedisVectorStore(notNull(store, "store"));
  }

  @Override
  public CompletableFuture<Void> put(String sessionId, List<VectorEntry> entries) {
    notBlank(sessionId, "sessionId");
    if (notNull(entries, "entries").isEmpty()) {
      throw new IllegalArgumentException("entries must not be empty");
    }
    int dims = entries.get(0).vector().length;
    if (dims > VectorCodec.MAX_DIMENSIONS) {
      throw new IllegalArgumentException("vectors must have at most "
          + VectorCodec.MAX_DIMENSIONS + " dimensions, had " + dims);
    }
    List<String> args = new ArrayList<>(2 + 3 * entries.size());
    args.add(Integer.toString(dims));
    args.add(keys.flagsRecall() ? "1" : "0");
    for (VectorEntry e : entries) {
      if (e.vector().length != dims) {
        throw new IllegalArgumentException("entries must all have " + dims + " dimensions, "
            + e.messageId() + " has " + e.vector().length);
      }
      args.add(e.messageId());
      args.add(VectorCodec.entry(e));
      args.add(VectorCodec.code(e.vector()));
    }
    return guard("recall put", () -> runner
        .run(PUT, keys.recallKeys(sessionId), args, List.of())
        .thenApply(reply -> {
          List<?> r = (List<?>) reply;
          if (number(r.get(0)) < 0) {
            throw new StoreException("session " + sessionId + " holds vectors of "
                + text(r.get(1)) + " dimensions, not " + dims
                + "; delete it (or use another key prefix) after changing embedders");
          }
          return null;
        }));
  }

  @Override
  public CompletableFuture<List<SearchHit>> nearest(String sessionId, float[] query, int k) {
    notBlank(sessionId, "sessionId");
    notNull(query, "query");
    between(k, 1, 10_000, "k");
    List<String> recallKeys = keys.recallKeys(sessionId);
    return guard("recall search", () -> runner
        .get(recallKeys.get(1))
        .thenCompose(codes -> {
          if (codes == null) {
            return CompletableFuture.completedFuture(List.<SearchHit>of());
          }
          int dims = VectorCodec.dimensions(codes);
          if (dims != query.length) {
            throw new StoreException("session " + sessionId + " holds vectors of " + dims
                + " dimensions, the query has " + query.length);
          }
          VectorCodec.Scan scan = VectorCodec.scan(codes, query);
          double[] upper = scan.upper();
          int[] first = VectorCodec.best(scan.approximate(), candidates(k));
          if (first.length == 0) {
            return CompletableFuture.completedFuture(List.<SearchHit>of());
          }
          return fetch(recallKeys, first).thenCompose(fetched -> {
            List<VectorEntry> seen = new ArrayList<>(fetched);
            List<SearchHit> ranked = rank(seen, query, k);
            int[] second = stillPossible(upper, first, ranked, k);
            if (second.length == 0) {
              return CompletableFuture.completedFuture(ranked);
            }
            return fetch(recallKeys, second).thenApply(more -> {
              seen.addAll(more);
              return rank(seen, query, k);
            });
          });
        }));
  }

  /**
   * The records not fetched yet whose cosine bound exceeds the k-th best exact one found so
   * far: only they can still belong to the top k (the threshold only rises as more are ranked,
   * so one more fetch settles it).
   */
  private static int[] stillPossible(double[] upper, int[] fetched, List<SearchHit> ranked,
      int k) {
    if (fetched.length == upper.length) {
      return new int[0];
    }
    double threshold =
        ranked.size() < k ? Double.NEGATIVE_INFINITY : 1 - ranked.get(k - 1).distance();
    boolean[] done = new boolean[upper.length];
    for (int p : fetched) {
      done[p] = true;
    }
    int[] out = new int[upper.length];
    int n = 0;
    for (int r = 0; r < upper.length; r++) {
      if (!done[r] && upper[r] > threshold) {
        out[n++] = r;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private CompletableFuture<List<VectorEntry>> fetch(List<String> recallKeys, int[] positions) {
    List<String> args = new ArrayList<>(positions.length);
    for (int p : positions) {
      args.add(Integer.toString(p));
    }
    return runner.run(FETCH, recallKeys, args, List.of()).thenApply(reply -> {
      List<?> flat = (List<?>) reply;
      List<VectorEntry> entries = new ArrayList<>(flat.size() / 2);
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        entries.add(VectorCodec.decodeEntry(text(flat.get(i)), text(flat.get(i + 1))));
      }
      return entries;
    });
  }

  /** How many candidates of the code scan the first fetch reranks exactly. */
  static int candidates(int k) {
    return Math.max(4 * k, k + 32);
  }

  private static List<SearchHit> rank(List<VectorEntry> entries, float[] query, int k) {
    Nearest nearest = Nearest.to(query, k);
    entries.forEach(nearest::offer);
    return nearest.result();
  }

  @Override
  public CompletableFuture<Void> delete(String sessionId) {
    notBlank(sessionId, "sessionId");
    return guard("recall delete", () -> runner
        .run(DELETE, keys.recallKeys(sessionId), List.of(keys.flagsRecall() ? "1" : "0"),
            List.of())
        .thenApply(reply -> null));
  }

  /** Nothing to close: the message store owns the connection. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return description;
  }

  private static <T> CompletableFuture<T> guard(
      String operation, Supplier<CompletableFuture<T>> action) {
    CompletableFuture<T> started;
    try {
      started = action.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(RedisMessageStore.wrap(operation, e));
    }
    return started.handle((value, failure) -> {
      if (failure != null) {
        throw RedisMessageStore.wrap(operation, failure);
      }
      return value;
    });
  }
}
