package dev.motorhead.redis;

import dev.motorhead.recall.VectorEntry;
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
 * The float32 vector is exact; it is read only for the few candidates a search reranks.
 *
 * <p><b>Code</b> (appended to the {@code recall_codes} string): one character per dimension,
 * the component scaled by the vector's largest magnitude to a signed 7-bit integer
 * {@code -63..63} and offset by 64, so every character is ASCII {@code 1..127}: one byte in
 * Redis and on the wire with either driver's UTF-8 string codec, no escaping, no base64. A scale
 * per vector is not needed: cosine similarity ignores it. Scanning codes costs a quarter of the
 * bytes of float32 and finds the candidates that the exact rerank then orders.
 */
final class VectorCodec {
  static final int CODE_OFFSET = 64;
  private static final int CODE_MAX = 63;

  private VectorCodec() {}

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

  /** The 7-bit code of a vector, one ASCII character per dimension. */
  static String code(float[] v) {
    float max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    byte[] code = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      int q = max == 0 ? 0 : Math.round(v[i] / max * CODE_MAX);
      code[i] = (byte) (q + CODE_OFFSET);
    }
    return new String(code, StandardCharsets.US_ASCII);
  }

  /**
   * The positions of the {@code n} codes most similar to the query by cosine (approximately:
   * codes are rounded), most similar first.
   *
   * @param codes {@code count * query.length} code bytes end to end
   */
  static int[] candidates(byte[] codes, float[] query, int n) {
    int dims = query.length;
    int count = codes.length / dims;
    n = Math.min(n, count);
    // a min-heap of the best n so far, by score
    int[] heap = new int[n];
    double[] heapScore = new double[n];
    int size = 0;
    for (int r = 0; r < count; r++) {
      int off = r * dims;
      float dot = 0;
      int norm = 0;
      for (int j = 0; j < dims; j++) {
        int c = codes[off + j] - CODE_OFFSET;
        dot += query[j] * c;
        norm += c * c;
      }
      double score = norm == 0 ? 0 : dot / Math.sqrt(norm);
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
