package dev.motorhead.longterm;

import static dev.motorhead.internal.Arguments.between;
import static dev.motorhead.internal.Arguments.notNull;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default {@link Embedder}: deterministic, offline, free, and <b>lexical, not semantic</b>.
 * It finds messages that share words with the query ("peanut allergy" finds "Alice has a peanut
 * allergy") but not ones that say the same thing in other words ("nut intolerance"). For search
 * by meaning use a model, such as motorhead-openai's {@code OpenAiEmbedder}.
 *
 * <p>How a text becomes a vector: it is normalized (Unicode NFKC) and lowercased
 * ({@link Locale#ROOT}); its words are the maximal runs of Unicode letters and digits (so
 * "naïve", "Straße" and "東京" are words, and a run of CJK characters without spaces is one
 * word); each word and each pair of adjacent words is hashed with 64-bit FNV-1a over its UTF-8
 * bytes into one of {@link #dimensions()} buckets with a sign (the signed hashing trick); a
 * bucket receives {@code 1 + ln(tf)} for a term seen {@code tf} times; the vector is then
 * L2-normalized. A text without words maps to the zero vector, which is at distance 1 from
 * everything.
 *
 * <p>The hash depends only on the text's bytes, never on the JVM ({@link String#hashCode()} is
 * not used), so vectors stored by one version or JVM are found by another with the same
 * dimensions. Changing the dimensions changes every vector: index again (or use a new key
 * prefix) after changing it.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Embedder embedder = LexicalEmbedder.builder().dimensions(1024).build();
 * float[] v = embedder.embed(List.of("I want a vegan dinner recipe")).get(0);
 * }</pre>
 */
public final class LexicalEmbedder implements Embedder {
  /** The dimensions of {@link #create()}. */
  public static final int DEFAULT_DIMENSIONS = 512;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final int dimensions;

  private LexicalEmbedder(int dimensions) {
    this.dimensions = dimensions;
  }

  /**
   * An embedder of {@value #DEFAULT_DIMENSIONS} dimensions.
   *
   * @return a new embedder
   */
  public static LexicalEmbedder create() {
    return new LexicalEmbedder(DEFAULT_DIMENSIONS);
  }

  /**
   * A builder, to choose the dimensions.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    notNull(texts, "texts");
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new IllegalArgumentException("texts[" + i + "] must not be null");
      }
      out.add(embed(text));
    }
    return out;
  }

  /**
   * The vector of one text.
   *
   * @param text any text, not null
   * @return an L2-normalized vector of {@link #dimensions()} floats; the zero vector for a text
   *     without words
   * @throws IllegalArgumentException if text is null
   */
  public float[] embed(String text) {
    notNull(text, "text");
    List<String> words = words(text);
    Map<String, Integer> tf = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      tf.merge(words.get(i), 1, Integer::sum);
      if (i > 0) {
        tf.merge(words.get(i - 1) + ' ' + words.get(i), 1, Integer::sum);
      }
    }
    double[] acc = new double[dimensions];
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      long h = fnv1a64(e.getKey());
      int bucket = (int) Long.remainderUnsigned(h, dimensions);
      double weight = 1 + Math.log(e.getValue());
      acc[bucket] += (h < 0) ? -weight : weight; // the top bit is the sign
    }
    double norm = 0;
    for (double x : acc) {
      norm += x * x;
    }
    float[] v = new float[dimensions];
    if (norm > 0) {
      double inv = 1 / Math.sqrt(norm);
      for (int i = 0; i < dimensions; i++) {
        v[i] = (float) (acc[i] * inv);
      }
    }
    return v;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public int maxBatchSize() {
    return 1024;
  }

  @Override
  public String toString() {
    return "LexicalEmbedder{dimensions=" + dimensions + "}";
  }

  /** The words of a text: lowercased runs of letters and digits, in order. */
  static List<String> words(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean wordChar = Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(s.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(s.substring(start));
    }
    return words;
  }

  static long fnv1a64(String term) {
    long h = FNV_OFFSET;
    for (byte b : term.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** Builds a {@link LexicalEmbedder}. Not thread-safe. */
  public static final class Builder {
    private int dimensions = DEFAULT_DIMENSIONS;

    private Builder() {}

    /**
     * The length of every vector, {@value #DEFAULT_DIMENSIONS} by default. More dimensions mean
     * fewer hash collisions between words, and more bytes per message stored.
     *
     * @param dimensions 16 to 65,536
     * @return this builder
     * @throws IllegalArgumentException if not between 16 and 65,536
     */
    public Builder dimensions(int dimensions) {
      this.dimensions = between(dimensions, 16, 65_536, "dimensions");
      return this;
    }

    /**
     * Builds the embedder.
     *
     * @return a new embedder
     */
    public LexicalEmbedder build() {
      return new LexicalEmbedder(dimensions);
    }
  }
}
