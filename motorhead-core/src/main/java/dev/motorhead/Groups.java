package dev.motorhead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for messages that travel together ({@link Message#groupId()}), applied to a
 * session's messages as the store returns them (append order). Internal: not part of the
 * public API.
 *
 * <p>A group is complete when as many of its members are present as its size says (the size
 * its oldest present member declares). Incomplete groups are still waiting for members (tool
 * results), or lost members to a fold (results arriving after their request was folded).
 */
final class Groups {
  private Groups() {}

  /**
   * The messages a window shows: every incomplete group left out, and each complete group's
   * members side by side at the place of its oldest member, in append order. Messages outside
   * groups keep their order.
   */
  public static List<Message> window(List<Message> messages) {
    if (!anyGrouped(messages)) {
      return messages;
    }
    Map<String, List<Message>> members = new LinkedHashMap<>();
    for (Message m : messages) {
      m.groupId().ifPresent(g -> members.computeIfAbsent(g, k -> new ArrayList<>()).add(m));
    }
    List<Message> shown = new ArrayList<>(messages.size());
    for (Message m : messages) {
      String g = m.groupId().orElse(null);
      if (g == null) {
        shown.add(m);
        continue;
      }
      List<Message> group = members.get(g);
      if (group == null || group.get(0) != m) {
        continue; // not the oldest member: shown with it, or the group was left out
      }
      if (group.size() >= group.get(0).groupSize()) {
        shown.addAll(group);
      }
    }
    return shown;
  }

  /**
   * The nearest place to cut the oldest {@code n} messages off that splits no group and folds
   * no group still waiting for its members.
   *
   * <p>A group is <em>waiting</em> when it is incomplete, its first message (the one whose id
   * is the group's id: the request) is present, and its newest member was created after
   * {@code waitingSince}: its missing members (tool results) may still arrive, and folding it
   * now would leave them orphaned. No cut reaches past a waiting group's oldest member. A group
   * incomplete for longer is folded like any other, and so are members whose first message was
   * folded already (late results), at once.
   *
   * <p>Within that limit the cut is the largest {@code k <= n} such that no group has members
   * both before and after {@code k}, or, when that is 0 for {@code n > 0} (a group begins the
   * list and reaches past {@code n}), the smallest such {@code k > n}, if that folds no waiting
   * group; else 0. Keeping a group whole is preferred to folding it.
   *
   * @param n 0 to {@code messages.size()}
   */
  public static int cut(List<Message> messages, int n, Instant waitingSince) {
    if (n <= 0 || !anyGrouped(messages)) {
      return n;
    }
    Map<String, int[]> spans = spans(messages);
    int limit = Math.min(n, firstWaiting(messages, spans, waitingSince));
    if (limit >= messages.size()) {
      return limit;
    }
    int back = limit;
    for (boolean moved = true; moved && back > 0; ) {
      moved = false;
      for (int[] span : spans.values()) {
        if (span[0] < back && back <= span[1]) {
          back = span[0];
          moved = true;
        }
      }
    }
    if (back > 0 || limit == 0) {
      return back;
    }
    int forward = limit;
    for (boolean moved = true; moved && forward < messages.size(); ) {
      moved = false;
      for (int[] span : spans.values()) {
        if (span[0] < forward && forward <= span[1]) {
          forward = span[1] + 1;
          moved = true;
        }
      }
    }
    forward = Math.min(forward, messages.size());
    return forward <= firstWaiting(messages, spans, waitingSince) ? forward : 0;
  }

  /** The index of the oldest member of the oldest waiting group; the list's size if none. */
  private static int firstWaiting(
      List<Message> messages, Map<String, int[]> spans, Instant waitingSince) {
    Map<String, Integer> present = new HashMap<>();
    for (Message m : messages) {
      m.groupId().ifPresent(g -> present.merge(g, 1, Integer::sum));
    }
    int first = messages.size();
    for (Map.Entry<String, int[]> e : spans.entrySet()) {
      int[] span = e.getValue();
      Message oldest = messages.get(span[0]);
      Message newest = messages.get(span[1]);
      boolean incomplete = present.get(e.getKey()) < oldest.groupSize();
      boolean headed = oldest.id().equals(e.getKey());
      boolean recent = newest.createdAt() == null || newest.createdAt().isAfter(waitingSince);
      if (incomplete && headed && recent) {
        first = Math.min(first, span[0]);
      }
    }
    return first;
  }

  /** Whether cutting the oldest {@code k} messages off splits no group. */
  static boolean isClean(Map<String, int[]> spans, int k) {
    for (int[] span : spans.values()) {
      if (span[0] < k && k <= span[1]) {
        return false;
      }
    }
    return true;
  }

  /** For each group, the index of its first and of its last member. */
  static Map<String, int[]> spans(List<Message> messages) {
    Map<String, int[]> spans = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      int at = i;
      messages.get(i).groupId().ifPresent(g -> {
        int[] span = spans.computeIfAbsent(g, k -> new int[] {at, at});
        span[1] = at;
      });
    }
    return spans;
  }

  static boolean anyGrouped(List<Message> messages) {
    for (Message m : messages) {
      if (m.groupSize() > 0) {
        return true;
      }
    }
    return false;
  }
}
