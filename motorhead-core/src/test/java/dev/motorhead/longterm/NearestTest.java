package dev.motorhead.longterm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestTest {

  @Test
  void cosineDistanceIsZeroForTheSameDirectionOneForOrthogonalAndTwoForOpposite() {
    assertThat(Nearest.cosineDistance(new float[] {1, 2}, new float[] {2, 4}))
        .isCloseTo(0.0, within(1e-9));
    assertThat(Nearest.cosineDistance(new float[] {1, 0}, new float[] {0, 5}))
        .isCloseTo(1.0, within(1e-9));
    assertThat(Nearest.cosineDistance(new float[] {1, 2}, new float[] {-1, -2}))
        .isCloseTo(2.0, within(1e-9));
  }

  @Test
  void aZeroVectorIsAtDistanceOneFromEverything() {
    assertThat(Nearest.cosineDistance(new float[] {0, 0}, new float[] {1, 2})).isEqualTo(1.0);
    assertThat(Nearest.cosineDistance(new float[] {1, 2}, new float[] {0, 0})).isEqualTo(1.0);
  }

  @Test
  void vectorsOfDifferentLengthsAreRefused() {
    assertThatThrownBy(() -> Nearest.cosineDistance(new float[] {1}, new float[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 dimensions");
  }

  @Test
  void tiesKeepTheOrderOffered() {
    Nearest nearest = Nearest.to(new float[] {1, 0}, 2);
    Instant t = Instant.EPOCH;
    nearest.offer(new VectorEntry("first", "AI", "", t, new float[] {0, 1}));
    nearest.offer(new VectorEntry("second", "AI", "", t, new float[] {0, 2}));
    nearest.offer(new VectorEntry("third", "AI", "", t, new float[] {0, 3}));

    List<SearchHit> result = nearest.result();

    assertThat(result).extracting(SearchHit::messageId).containsExactly("first", "second");
  }

  @Test
  void kMustBePositive() {
    assertThatThrownBy(() -> Nearest.to(new float[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be >= 1, was 0");
  }
}
