package dev.motorhead.longterm;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notNull;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact nearest-neighbour ranking by cosine distance: offer every candidate, keep the {@code k}
 * nearest. The one ranking every {@link VectorStore} uses, so that they all return the same
 * hits with the same distances. Not thread-safe; one per search.
 *
 * <pre>{@code
 * Nearest nearest = Nearest.to(query, 10);
 * for (VectorEntry e : entries) {
 *   nearest.offer(e);
 * }
 * List<SearchHit> hits = nearest.result(); // nearest first
 * }</pre>
 *
 * <p>Cosine distance is {@code 1 - cos(a, b)}, from {@code 0} (same direction) to {@code 2}
 * (opposite), as Motorhead's {@code dist}. A zero vector has no direction: its distance to
 * anything is {@code 1}.
 */
public final class Nearest {
  private final float[] query;
  private final double queryNorm;
  private final int k;
  private final PriorityQueue<Candidate> heap; // the farthest kept on top
  private long offered;

  private Nearest(float[] query, int k) {
    this.query = query;
    this.queryNorm = norm(query);
    this.k = k;
    this.heap = new PriorityQueue<>(k + 1, (a, b) -> b.compareTo(a));
  }

  /**
   * A ranking of the {@code k} entries nearest to {@code query}.
   *
   * @param query the query's vector; not copied, so do not change it during the search
   * @param k how many entries to keep, at least 1
   * @return an empty ranking
   * @throws IllegalArgumentException if query is null or k is below 1
   */
  public static Nearest to(float[] query, int k) {
    return new Nearest(notNull(query, "query"), atLeast(k, 1, "k"));
  }

  /**
   * Considers one entry.
   *
   * @param entry a candidate of the query's dimensions
   * @throws IllegalArgumentException if its vector's length differs from the query's
   */
  public void offer(VectorEntry entry) {
    double distance = distance(query, queryNorm, entry.vector());
    Candidate c = new Candidate(entry, distance, offered++);
    if (heap.size() < k) {
      heap.add(c);
    } else if (c.compareTo(heap.peek()) < 0) {
      heap.poll();
      heap.add(c);
    }
  }

  /**
   * The entries kept, nearest first (ties in the order offered).
   *
   * @return at most {@code k} hits, each with its cosine distance
   */
  public List<SearchHit> result() {
    List<Candidate> sorted = new ArrayList<>(heap);
    sorted.sort(null);
    List<SearchHit> out = new ArrayList<>(sorted.size());
    for (Candidate c : sorted) {
      out.add(c.entry.at(c.distance));
    }
    return out;
  }

  /**
   * {@code 1 - cos(a, b)}, computed in double precision; {@code 1} when either is a zero vector.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return a distance from {@code 0} to {@code 2}
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double cosineDistance(float[] a, float[] b) {
    return distance(a, norm(a), b);
  }

  private static double distance(float[] q, double qNorm, float[] v) {
    if (q.length != v.length) {
      throw new IllegalArgumentException(
          "vector has " + v.length + " dimensions, the query " + q.length);
    }
    double dot = 0;
    double vv = 0;
    for (int i = 0; i < q.length; i++) {
      dot += (double) q[i] * v[i];
      vv += (double) v[i] * v[i];
    }
    if (qNorm == 0 || vv == 0) {
      return 1.0;
    }
    double cos = dot / (qNorm * Math.sqrt(vv));
    return 1.0 - Math.max(-1.0, Math.min(1.0, cos));
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  private record Candidate(VectorEntry entry, double distance, long order)
      implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate o) {
      int c = Double.compare(distance, o.distance);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }
}
