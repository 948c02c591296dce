package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  /** Waiting since long ago: no group counts as still waiting for its members. */
  private static final Instant LONG_AGO = Instant.EPOCH;
  private static Message plain(String content) {
    return Message.builder().id(content).role("user").content(content).build();
  }

  private static Message member(String content, String group, int size) {
    return Message.builder().id(content).role("tool").content(content).group(group, size)
        .createdAt(NOW).build();
  }

  private static List<String> contents(List<Message> messages) {
    return messages.stream().map(Message::content).toList();
  }

  @Test
  void aWindowWithoutGroupsIsShownAsStored() {
    List<Message> ms = List.of(plain("a"), plain("b"));
    assertThat(Groups.window(ms)).isSameAs(ms);
  }

  @Test
  void aCompleteGroupIsShownSideBySideAtItsOldestMembersPlace() {
    List<Message> ms =
        List.of(plain("u1"), member("req", "g", 3), plain("u2"), member("r1", "g", 3),
            plain("u3"), member("r2", "g", 3));

    assertThat(contents(Groups.window(ms))).containsExactly("u1", "req", "r1", "r2", "u2", "u3");
  }

  @Test
  void anIncompleteGroupIsLeftOutWhetherWaitingOrOrphaned() {
    List<Message> waiting = List.of(plain("u1"), member("req", "g", 2), plain("u2"));
    List<Message> orphaned = List.of(member("r1", "g", 2), plain("u3"));

    assertThat(contents(Groups.window(waiting))).containsExactly("u1", "u2");
    assertThat(contents(Groups.window(orphaned))).containsExactly("u3");
  }

  @Test
  void aCutThatWouldSplitAGroupMovesBackToKeepItWhole() {
    List<Message> ms =
        List.of(plain("a"), plain("b"), member("req", "g", 2), plain("c"), member("res", "g", 2),
            plain("d"));

    assertThat(Groups.cut(ms, 4, LONG_AGO)).isEqualTo(2);
    assertThat(Groups.cut(ms, 5, LONG_AGO)).isEqualTo(5);
    assertThat(Groups.cut(ms, 2, LONG_AGO)).isEqualTo(2);
  }

  @Test
  void aCutMovesPastAGroupThatBeginsTheListRatherThanFoldNothing() {
    List<Message> ms =
        List.of(member("req", "g", 2), plain("c"), member("res", "g", 2), plain("d"));

    assertThat(Groups.cut(ms, 2, LONG_AGO)).isEqualTo(3);
  }

  @Test
  void interleavedGroupsAreKeptWholeTogether() {
    List<Message> ms =
        List.of(plain("a"), member("q1", "g1", 2), member("q2", "g2", 2), member("s1", "g1", 2),
            member("s2", "g2", 2), plain("b"));

    // cutting after s1 would split g2 (q2 before, s2 after): back to before g1 and g2
    assertThat(Groups.cut(ms, 4, LONG_AGO)).isEqualTo(1);
  }

  @Test
  void noCutReachesPastAGroupStillWaitingForItsMembers() {
    List<Message> ms =
        List.of(plain("a"), plain("b"), member("req", "req", 3), member("r1", "req", 3),
            plain("c"), plain("d"));

    assertThat(Groups.cut(ms, 5, NOW.minusSeconds(60))).isEqualTo(2);
    assertThat(Groups.cut(ms, 5, NOW)).as("incomplete for longer than the wait").isEqualTo(5);
  }

  @Test
  void aWaitingGroupAtTheOldEndStopsEveryCut() {
    List<Message> ms =
        List.of(member("req", "req", 2), plain("c"), plain("d"), plain("e"));

    assertThat(Groups.cut(ms, 3, NOW.minusSeconds(60))).isZero();
  }

  @Test
  void resultsWhoseRequestWasFoldedAlreadyAreNotWaiting() {
    List<Message> ms =
        List.of(plain("a"), member("late", "req", 3), plain("c"), plain("d"));

    assertThat(Groups.cut(ms, 3, NOW.minusSeconds(60))).isEqualTo(3);
  }

  @Test
  void aCompleteGroupIsNeverWaiting() {
    List<Message> ms =
        List.of(plain("a"), member("req", "g", 2), member("res", "g", 2), plain("b"), plain("c"));

    assertThat(Groups.cut(ms, 3, NOW.minusSeconds(60))).isEqualTo(3);
  }
}
