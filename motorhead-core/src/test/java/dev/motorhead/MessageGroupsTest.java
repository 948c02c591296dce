package dev.motorhead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.testing.LedgerSummarizer;
import dev.motorhead.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tool-call groups and pinned messages through the client, as every adapter relies on them. */
class MessageGroupsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");

  private MemoryClient client(LedgerSummarizer ledger, int window) {
    return MemoryClient.builder()
        .summarizer(ledger)
        .windowSize(window)
        .compactionMode(CompactionMode.SYNC)
        .clock(clock)
        .build();
  }

  private static Message user(String content) {
    return Message.of("user", content);
  }

  private static Message request(String id, int tools) {
    return Message.builder().id(id).role("assistant").content(id).group(id, tools + 1).build();
  }

  private static Message result(String group, int tools, String content) {
    return Message.builder().role("tool").content(content).group(group, tools + 1).build();
  }

  private static Message system(String content) {
    return Message.builder().role("system").content(content).pinned(true).build();
  }

  private static List<String> contents(Memory m) {
    return m.messages().stream().map(Message::content).toList();
  }

  @Test
  void compactionFoldsAGroupWholeOrKeepsItWhole() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 4)) {
      SessionMemory s = client.session("s");
      s.add(user("u1"), request("a1", 2), result("a1", 2, "r1"), result("a1", 2, "r2"));

      // 5 messages > 4: plain halving would fold u1 a1 r1 and keep r2; the group stays whole
      s.add(user("u2"));

      Memory m = s.memory();
      assertThat(ledger.calls).containsExactly(List.of("u1"));
      assertThat(contents(m)).containsExactly("a1", "r1", "r2", "u2");
    }
  }

  @Test
  void aGroupAtTheOldEndIsFoldedWholeWhenKeepingItWouldFoldNothing() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 2)) {
      SessionMemory s = client.session("s");
      s.add(request("a1", 1), result("a1", 1, "r1"), user("u1"));

      assertThat(ledger.calls).containsExactly(List.of("a1", "r1"));
      assertThat(contents(s.memory())).containsExactly("u1");
    }
  }

  @Test
  void theWindowNeverShowsAToolRequestBeforeAllItsResultsArrived() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 12)) {
      SessionMemory s = client.session("s");
      s.add(user("u1"), request("a1", 2), result("a1", 2, "r1"));
      assertThat(contents(s.memory())).containsExactly("u1");

      s.add(user("other caller"));
      s.add(result("a1", 2, "r2"));

      assertThat(contents(s.memory())).containsExactly("u1", "a1", "r1", "r2", "other caller");
    }
  }

  @Test
  void aRequestWaitingForItsResultsIsNotFoldedSoTheyNeverArriveOrphaned() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 2)) {
      SessionMemory s = client.session("s");
      s.add(user("u0"), request("a1", 2), result("a1", 2, "r1"), user("u1"), user("u2"));
      assertThat(ledger.calls).containsExactly(List.of("u0"));

      s.add(result("a1", 2, "r2"));

      assertThat(LedgerSummarizer.everything(s.memory()))
          .containsExactly("u0", "a1", "r1", "u1", "u2", "r2");
      assertThat(ledger.calls).containsExactly(List.of("u0"), List.of("a1", "r1", "u1", "u2", "r2"));
    }
  }

  @Test
  void resultsArrivingAfterTheWaitNeverStartTheWindowAndAreFoldedLater() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 2)) {
      SessionMemory s = client.session("s");
      s.add(request("a1", 2), result("a1", 2, "r1"), user("u1"), user("u2"));
      assertThat(ledger.calls).isEmpty();

      clock.advance(java.time.Duration.ofMinutes(6)); // past the 5-minute default wait
      s.add(user("u3"));
      assertThat(ledger.calls).containsExactly(List.of("a1", "r1", "u1", "u2"));

      s.add(result("a1", 2, "late"));

      assertThat(contents(s.memory())).containsExactly("u3");
      s.add(user("u4"));
      assertThat(LedgerSummarizer.everything(s.memory()))
          .containsExactly("a1", "r1", "u1", "u2", "u3", "late", "u4");
    }
  }

  @Test
  void everyMessageOfInterleavedGroupsIsInTheWindowOrInExactlyOneSummary() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 6)) {
      SessionMemory s = client.session("s");
      List<String> added = new ArrayList<>();
      for (int turn = 0; turn < 20; turn++) {
        String a = "a" + turn;
        String b = "b" + turn;
        s.add(user("ua" + turn), request(a, 1));
        s.add(user("ub" + turn), request(b, 1));
        s.add(result(a, 1, "ra" + turn));
        s.add(result(b, 1, "rb" + turn));
        added.addAll(List.of("ua" + turn, a, "ub" + turn, b, "ra" + turn, "rb" + turn));
        Memory m = s.memory();
        assertThat(windowIsValid(m)).as("window after turn %d: %s", turn, contents(m)).isTrue();
      }
      assertThat(LedgerSummarizer.everything(s.memory()))
          .containsExactlyInAnyOrderElementsOf(added)
          .doesNotHaveDuplicates();
    }
  }

  /** Each request directly followed by all its results; no result without its request. */
  private static boolean windowIsValid(Memory m) {
    List<Message> ms = m.messages();
    for (int i = 0; i < ms.size(); i++) {
      Message x = ms.get(i);
      if (x.role().equals("tool") && (i == 0 || ms.get(i - 1).groupId().isEmpty()
          || !ms.get(i - 1).groupId().equals(x.groupId()))) {
        return false;
      }
      if (x.role().equals("assistant") && x.groupSize() > 0) {
        for (int k = 1; k < x.groupSize(); k++) {
          if (i + k >= ms.size() || !ms.get(i + k).groupId().equals(x.groupId())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void theReadmeExampleShowsTheGroupOnceItsResultArrived() {
    try (MemoryClient client = client(new LedgerSummarizer(), 12)) {
      SessionMemory session = client.session("s");
      // as README.md shows it
      session.add(Message.builder().role("system").content("Be brief.").pinned(true).build(),
                  Message.of("user", "Weather in Oslo?"),
                  Message.builder().id("a1").role("assistant").content("called weather(Oslo)")
                      .group("a1", 2).build());
      assertThat(contents(session.memory())).containsExactly("Weather in Oslo?");
      session.add(Message.builder().role("tool").content("12°C").group("a1", 2).build());

      Memory m = session.memory();
      assertThat(m.pinned()).map(Message::content).hasValue("Be brief.");
      assertThat(contents(m)).containsExactly("Weather in Oslo?", "called weather(Oslo)", "12°C");
    }
  }

  // ---- pinned ----

  @Test
  void aPinnedMessageStaysOutOfTheWindowAndOfEverySummary() {
    LedgerSummarizer ledger = new LedgerSummarizer();
    try (MemoryClient client = client(ledger, 2)) {
      SessionMemory s = client.session("s");
      s.add(system("be-brief"), user("u1"), user("u2"));
      s.add(user("u3"));

      Memory m = s.memory();
      assertThat(m.pinned()).map(Message::content).hasValue("be-brief");
      assertThat(contents(m)).containsExactly("u3");
      assertThat(LedgerSummarizer.entries(m)).containsExactly("u1", "u2");
    }
  }

  @Test
  void addingTheSamePinnedMessageAgainAddsNothingToTheWindow() {
    try (MemoryClient client = client(new LedgerSummarizer(), 12)) {
      SessionMemory s = client.session("s");
      for (int i = 0; i < 5; i++) {
        s.add(system("be-brief"), user("u" + i));
      }
      s.add(system("be-precise"));

      Memory m = s.memory();
      assertThat(m.pinned()).map(Message::content).hasValue("be-precise");
      assertThat(contents(m)).containsExactly("u0", "u1", "u2", "u3", "u4");
    }
  }
}
