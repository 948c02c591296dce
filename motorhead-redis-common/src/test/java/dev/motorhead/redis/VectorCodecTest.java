package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.longterm.Nearest;
import dev.motorhead.longterm.VectorEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorCodecTest {

  @Test
  void anEntryReadsBackExactlyWithNanosecondsAndAnyCharacters() {
    VectorEntry e = new VectorEntry("id", "role:with:colons", "content: 東京 🚀\n:",
        Instant.parse("2026-01-02T03:04:05.123456789Z"), new float[] {1.5f, -0.0f, Float.MIN_VALUE});

    VectorEntry back = VectorCodec.decodeEntry("id", VectorCodec.entry(e));

    assertThat(back.role()).isEqualTo(e.role());
    assertThat(back.content()).isEqualTo(e.content());
    assertThat(back.createdAt()).isEqualTo(e.createdAt());
    assertThat(back.vector()).containsExactly(e.vector());
  }

  @Test
  void aCodeIsOneAsciiCharacterPerDimensionPlusItsNorm() {
    String code = VectorCodec.code(new float[] {2, -1, 0, -2});

    assertThat(code).hasSize(VectorCodec.recordLength(4));
    assertThat(code.chars()).allMatch(c -> c >= 1 && c <= 127);
    assertThat(code.substring(0, 4)).isEqualTo(
        new String(new char[] {64 + 63, 64 - 31, 64, 64 - 63})); // -31.5 rounds to -31
  }

  @Test
  void theScanRanksCodesLikeCosineDoes() {
    Random random = new Random(3);
    int dims = 64;
    StringBuilder codes = new StringBuilder(dims + ":");
    float[] query = new float[dims];
    for (int j = 0; j < dims; j++) {
      query[j] = (float) random.nextGaussian();
    }
    float[] opposite = new float[dims];
    float[] near = new float[dims];
    for (int j = 0; j < dims; j++) {
      opposite[j] = -query[j];
      near[j] = query[j] + 0.1f * (float) random.nextGaussian();
    }
    codes.append(VectorCodec.code(opposite));
    codes.append(VectorCodec.code(new float[dims])); // zero vector
    codes.append(VectorCodec.code(near));
    codes.append(VectorCodec.code(query));

    assertThat(VectorCodec.dimensions(codes.toString())).isEqualTo(dims);
    assertThat(VectorCodec.candidates(codes.toString(), query, 4)).containsExactly(3, 2, 1, 0);
    assertThat(VectorCodec.candidates(codes.toString(), query, 2)).containsExactly(3, 2);
  }

  @Test
  void everyUpperBoundIsAtLeastTheTrueCosineOfTheFloatVector() {
    Random random = new Random(11);
    for (int dims : new int[] {1, 2, 3, 7, 64, 1536}) {
      float[] query = vector(random, dims, random.nextBoolean());
      StringBuilder codes = new StringBuilder(dims + ":");
      List<float[]> vectors = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        float[] v = i % 3 == 0 ? near(random, query, 0.05f * i / 300) : vector(random, dims, i % 2 == 0);
        vectors.add(v);
        codes.append(VectorCodec.code(v));
      }
      double[] upper = VectorCodec.upperBounds(codes.toString(), query);
      for (int i = 0; i < vectors.size(); i++) {
        double cosine = 1 - Nearest.cosineDistance(query, vectors.get(i));
        assertThat(upper[i]).as("dims %d, vector %d", dims, i).isGreaterThanOrEqualTo(cosine);
      }
    }
  }

  @Test
  void theCodesMisorderVectorsWhoseSmallComponentsRoundDifferently() {
    float[] query = {1, 0, 0};
    float[] truest = {1, 0.0080f, 0}; // angle 0.0080; its 0.504 * 63 rounds up to 1
    float[] decoy = {1, 0.0060f, 0.0060f}; // angle 0.0085; both 0.378 * 63 round down to 0
    String codes = "3:" + VectorCodec.code(decoy) + VectorCodec.code(truest);

    assertThat(1 - Nearest.cosineDistance(query, truest))
        .isGreaterThan(1 - Nearest.cosineDistance(query, decoy));
    assertThat(VectorCodec.candidates(codes, query, 1)).containsExactly(0); // the decoy first
  }

  private static float[] vector(Random random, int dims, boolean skewed) {
    float[] v = new float[dims];
    for (int j = 0; j < dims; j++) {
      v[j] = (float) (skewed ? Math.pow(random.nextGaussian(), 3) : random.nextGaussian());
    }
    return v;
  }

  private static float[] near(Random random, float[] to, float noise) {
    float[] v = to.clone();
    for (int j = 0; j < v.length; j++) {
      v[j] += noise * (float) random.nextGaussian();
    }
    return v;
  }
}
