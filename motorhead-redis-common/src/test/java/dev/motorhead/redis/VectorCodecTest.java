package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.recall.VectorEntry;
import java.time.Instant;
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
}
