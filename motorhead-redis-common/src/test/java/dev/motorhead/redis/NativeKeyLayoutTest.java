package dev.motorhead.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeKeyLayoutTest {
  private final NativeKeyLayout layout = new NativeKeyLayout("mh");

  @Test
  void everyKeyOfASessionCarriesTheSameHashTag() {
    assertThat(layout.sessionKeys("user-42:thread-7"))
        .containsExactly(
            "mh:{user-42:thread-7}:messages",
            "mh:{user-42:thread-7}:meta",
            "mh:{user-42:thread-7}:lease",
            "mh:{user-42:thread-7}:recall",
            "mh:{user-42:thread-7}:recall_codes",
            "mh:{user-42:thread-7}:recall_ids");
  }

  @Test
  void longTermMemoryKeysAreTheLastThreeSessionKeysFollowedByTheExistenceKey() {
    assertThat(layout.recallKeys("s"))
        .containsExactly("mh:{s}:recall", "mh:{s}:recall_codes", "mh:{s}:recall_ids", "mh:{s}:meta");
    assertThat(new MotorheadKeyLayout("mh").recallKeys("s"))
        .containsExactly("mh:recall:s", "mh:recall_codes:s", "mh:recall_ids:s", "session:s",
            "context:s", "mh:pinned:s");
  }

  @Test
  void bracesAndPercentSignsAreEscapedSoNoIdEndsTheTagEarly() {
    assertThat(layout.sessionKeys("a}b{c%").get(0)).isEqualTo("mh:{a%7Db%7Bc%25}:messages");
  }

  @Test
  void idsThatLookEscapedStillGetKeysOfTheirOwn() {
    List<String> ids = List.of("}", "%7D", "%257D", "%", "%25", "{", "%7B", "a}:messages", "a");
    Set<String> keys = new HashSet<>();
    for (String id : ids) {
      keys.add(layout.sessionKeys(id).get(0));
    }
    assertThat(keys).hasSameSizeAs(ids);
  }

  @Test
  void theDefaultNamespaceAndNamedOnesHaveSeparateIndexes() {
    assertThat(layout.indexKey("")).isEqualTo("mh:sessions");
    assertThat(layout.indexKey("team-1")).isEqualTo("mh:sessions:team-1");
    assertThat(layout.indexKey("{x}")).isEqualTo("mh:sessions:%7Bx%7D");
  }

  @Test
  void theSessionExistsWhileItsMetaKeyDoes() {
    assertThat(layout.existenceKeys("s")).containsExactly(layout.sessionKeys("s").get(1));
  }
}
