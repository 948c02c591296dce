package dev.motorhead.redis;

import dev.motorhead.longterm.VectorEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * How long-term memory entries are written in Redis, for both drivers.
 *
 * <p><b>Entry</b> (a value of the {@code recall} hash):
 * {@code <epoch seconds>:<nanos>:<base64 of the float32 vector, little-endian>:<role length>:<role><content>}.
 * The float32 vector is exact; a search reads it only for the few candidates it reranks.
 *
 * <p><b>Codes</b> (the {@code recall_codes} string): {@code <dimensions>:} then one record per
 * entry, in {@code recall_ids} order, each {@link #recordLength(int) dimensions + 5} ASCII
 * characters: the vector's components scaled by its largest magnitude to signed 7-bit integers
 * {@code -63..63}, offset by 64 (so {@code 1..127}), then the squared norm of those integers in
 * five 6-bit digits offset by 64. ASCII keeps every character one byte in Redis and on the wire
 * with either driver's UTF-8 string codec, without escaping or base64. No per-vector scale is
 * kept: cosine similarity ignores it. A scan reads a quarter of the bytes of float32 and does
 * one integer multiply-add per dimension, and gives each record an upper bound of its true
 * cosine ({@link #upperBounds}), so a search can rerank, by the float32 vectors, every record
 * that could belong to the true top-k and no other.
 */
final class VectorCodec {
  private static final int OFFSET = 64;
  private static final int CODE_MAX = 63;
  private static final int NORM_DIGITS = 5;
  private static final int QUERY_MAX = 255;
  /** The most dimensions a code holds: the scan's integer sums stay below 2^31. */
  static final int MAX_DIMENSIONS = 65_536;

  private VectorCodec() {}

  static int recordLength(int dims) {
    return dims + NORM_DIGITS;
  }

  static String entry(VectorEntry e) {
    ByteBuffer bytes = ByteBuffer.allocate(e.vector().length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(e.vector());
    return e.createdAt().getEpochSecond() + ":" + e.createdAt().getNano() + ":"
        + Base64.getEncoder().encodeToString(bytes.array()) + ":" + e.role().length() + ":"
        + e.role() + e.content();
  }

  static VectorEntry decodeEntry(String id, String entry) {
    int a = entry.indexOf(':');
    int b = entry.indexOf(':', a + 1);
    int c = entry.indexOf(':', b + 1);
    int d = entry.indexOf(':', c + 1);
    Instant createdAt = Instant.ofEpochSecond(
        Long.parseLong(entry, 0, a, 10), Long.parseLong(entry, a + 1, b, 10));
    byte[] raw = Base64.getDecoder().decode(entry.substring(b + 1, c));
    float[] vector = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    int roleLength = Integer.parseInt(entry, c + 1, d, 10);
    String role = entry.substring(d + 1, d + 1 + roleLength);
    String content = entry.substring(d + 1 + roleLength);
    return new VectorEntry(id, role, content, createdAt, vector);
  }

  /** The code record of a vector (at most 65,536 dimensions). */
  static String code(float[] v) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    byte[] code = new byte[recordLength(v.length)];
    long norm = 0;
    for (int i = 0; i < v.length; i++) {
      int q = max == 0 ? 0 : Math.round(v[i] / max * CODE_MAX);
      code[i] = (byte) (q + OFFSET);
      norm += q * q;
    }
    for (int d = 0; d < NORM_DIGITS; d++) { // 30 bits: 63^2 * 65,536 < 2^30
      code[v.length + d] = (byte) (OFFSET + ((norm >>> (6 * (NORM_DIGITS - 1 - d))) & 63));
    }
    return new String(code, StandardCharsets.US_ASCII);
  }

  /** The dimensions the codes string declares in its header. */
  static int dimensions(String codes) {
    return Integer.parseInt(codes, 0, codes.indexOf(':'), 10);
  }

  /**
   * The positions of the {@code n} records most similar to the query by the cosine of their
   * codes (approximately: codes are rounded), most similar first.
   *
   * @param codes the whole {@code recall_codes} value, header included
   */
  static int[] candidates(String codes, float[] query, int n) {
    return best(scan(codes, query).approximate(), n);
  }

  /**
   * What a scan of the codes tells of each record: the cosine of its code to the query, and a
   * number provably at least the true cosine of its float32 vector (see {@link #scan}).
   */
  record Scan(double[] approximate, double[] upper) {}

  /** The upper bounds of {@link #scan}. */
  static double[] upperBounds(String codes, float[] query) {
    return scan(codes, query).upper();
  }

  /** Rounding of a code component in float arithmetic: half a step, and a little more. */
  private static final double ROUNDING = 0.5 + 1e-4;
  /** Slack for the double arithmetic of the bound and of the exact ranking. */
  private static final double MARGIN = 1e-9;

  /**
   * For each record of the codes, the cosine of its code to the query, and a number that is
   * provably at least the cosine similarity of its float32 vector to the query, as
   * {@code dev.motorhead.longterm.Nearest} computes it.
   *
   * <p>Why it holds: a record's code {@code c} is its vector {@code v} scaled by
   * {@code 63 / max|v_i|} and rounded, so the scaled vector is {@code c + e} with every
   * {@code |e_i| <= 1/2}; its norm lies within {@code |c| ± |e|}, {@code |e| <= sqrt(d) / 2}.
   * The query, scaled by {@code 255 / max|q_i|} to {@code q̂}, is rounded to integers
   * {@code q' = q̂ - f}. Then {@code q̂·(c + e) = q'·c + f·c + q̂·e}, where the scan computes
   * {@code q'·c} exactly in integers, {@code |f·c| <= |f| |c|} (Cauchy-Schwarz) and
   * {@code |q̂·e| <= |q̂|_1 / 2}. Dividing the largest numerator by the smallest (or, when
   * negative, the largest) norm gives the bound. Scaling changes no cosine.
   */
  static Scan scan(String codes, float[] query) {
    int dims = query.length;
    int start = codes.indexOf(':') + 1;
    byte[] bytes = codes.getBytes(StandardCharsets.ISO_8859_1); // ASCII: one byte per char
    int record = recordLength(dims);
    int count = (bytes.length - start) / record;
    double[] upper = new double[count];
    double[] approximate = new double[count];
    float max = 0;
    for (float x : query) {
      max = Math.max(max, Math.abs(x));
    }
    if (max == 0) {
      return new Scan(approximate, upper); // a zero query is at cosine 0 from everything
    }
    int[] q = quantized(query);
    double scale = QUERY_MAX / (double) max;
    double qNorm2 = 0;
    double qL1 = 0;
    double f2 = 0;
    long qSum = 0;
    for (int j = 0; j < dims; j++) {
      double exact = query[j] * scale;
      qNorm2 += exact * exact;
      qL1 += Math.abs(exact);
      f2 += (exact - q[j]) * (exact - q[j]);
      qSum += q[j];
    }
    double qNorm = Math.sqrt(qNorm2);
    double f = Math.sqrt(f2);
    double e = ROUNDING * Math.sqrt(dims);
    double dotSlack = ROUNDING * qL1;
    long shift = qSum * OFFSET; // sum(q * (b - 64)) = sum(q * b) - 64 * sum(q)
    for (int r = 0; r < count; r++) {
      int off = start + r * record;
      int dot = 0; // |q * b| summed: at most 255 * 127 * 65,536 < 2^31
      for (int j = 0; j < dims; j++) {
        dot += q[j] * bytes[off + j];
      }
      long norm = 0;
      for (int d = 0; d < NORM_DIGITS; d++) {
        norm = (norm << 6) | (bytes[off + dims + d] - OFFSET);
      }
      if (norm == 0) {
        upper[r] = MARGIN; // a zero vector: Nearest puts it at cosine 0
        continue;
      }
      double cNorm = Math.sqrt(norm);
      approximate[r] = (dot - shift) / (qNorm * cNorm);
      double numerator = (dot - shift) + f * cNorm + dotSlack;
      double bound;
      if (numerator >= 0) {
        double smallest = cNorm - e;
        bound = smallest <= 0 ? 1 : numerator / (qNorm * smallest);
      } else {
        bound = numerator / (qNorm * (cNorm + e));
      }
      upper[r] = Math.min(1, bound) + MARGIN;
    }
    return new Scan(approximate, upper);
  }

  /** The positions of the {@code n} highest scores, highest first. */
  static int[] best(double[] scores, int n) {
    n = Math.min(n, scores.length);
    int[] heap = new int[n]; // a min-heap of the best n so far, by score
    double[] heapScore = new double[n];
    int size = 0;
    for (int r = 0; r < scores.length; r++) {
      double score = scores[r];
      if (size < n) {
        heap[size] = r;
        heapScore[size] = score;
        siftUp(heap, heapScore, size++);
      } else if (score > heapScore[0]) {
        heap[0] = r;
        heapScore[0] = score;
        siftDown(heap, heapScore, size);
      }
    }
    int[] out = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = heap[0];
      heap[0] = heap[i];
      heapScore[0] = heapScore[i];
      siftDown(heap, heapScore, i);
    }
    return out;
  }

  /** The query scaled to integers of magnitude at most 255, which keeps its direction. */
  private static int[] quantized(float[] query) {
    float max = 0;
    for (float x : query) {
      max = Math.max(max, Math.abs(x));
    }
    int[] q = new int[query.length];
    if (max > 0) {
      for (int i = 0; i < query.length; i++) {
        q[i] = Math.round(query[i] / max * QUERY_MAX);
      }
    }
    return q;
  }

  private static void siftUp(int[] heap, double[] score, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (score[parent] <= score[i]) {
        return;
      }
      swap(heap, score, i, parent);
      i = parent;
    }
  }

  private static void siftDown(int[] heap, double[] score, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int min = i;
      if (l < size && score[l] < score[min]) {
        min = l;
      }
      if (r < size && score[r] < score[min]) {
        min = r;
      }
      if (min == i) {
        return;
      }
      swap(heap, score, i, min);
      i = min;
    }
  }

  private static void swap(int[] heap, double[] score, int i, int j) {
    int h = heap[i];
    heap[i] = heap[j];
    heap[j] = h;
    double s = score[i];
    score[i] = score[j];
    score[j] = s;
  }
}
