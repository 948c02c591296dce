package dev.motorhead.internal;

import dev.motorhead.Message;
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
public final class Groups {
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
   * The nearest place to cut the oldest {@code n} messages off that splits no group: the
   * largest {@code k <= n} such that no group has members both before and after {@code k},
   * or, when that is 0 for {@code n > 0} (a group begins the list and reaches past {@code n}),
   * the smallest such {@code k > n}. Keeping a group whole is preferred to folding it, so that
   * a group still waiting for members is not folded without them.
   *
   * @param n 0 to {@code messages.size()}
   */
  public static int cut(List<Message> messages, int n) {
    if (n <= 0 || n >= messages.size() || !anyGrouped(messages)) {
      return n;
    }
    Map<String, int[]> spans = spans(messages);
    int back = n;
    for (boolean moved = true; moved && back > 0; ) {
      moved = false;
      for (int[] span : spans.values()) {
        if (span[0] < back && back <= span[1]) {
          back = span[0];
          moved = true;
        }
      }
    }
    if (back > 0) {
      return back;
    }
    int forward = n;
    for (boolean moved = true; moved && forward < messages.size(); ) {
      moved = false;
      for (int[] span : spans.values()) {
        if (span[0] < forward && forward <= span[1]) {
          forward = span[1] + 1;
          moved = true;
        }
      }
    }
    return Math.min(forward, messages.size());
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
