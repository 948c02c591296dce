package dev.motorhead.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one calling thread has added to a memory since its latest user message: the user message,
 * the assistant's tool requests and their results, and anything else it added in between (not
 * system messages, which are pinned). Messages are kept as added, beside the form they were
 * stored in. Not thread-safe: each belongs to one thread.
 *
 * <p>It is what lets {@code messages()} end each caller's prompt with that caller's own turn,
 * whatever other callers appended meanwhile and whatever compaction folded.
 */
final class Turn {
  /** A message as added, and as stored. */
  record Entry(ChatMessage chat, Message stored) {}

  /** The group a tool result joins: its request's message, and the request itself. */
  record Group(String id, int size, ToolExecutionRequest request) {}

  private final List<Entry> entries = new ArrayList<>();

  Turn copy() {
    Turn t = new Turn();
    t.entries.addAll(entries);
    return t;
  }

  void add(ChatMessage chat, Message stored) {
    entries.add(new Entry(chat, stored));
  }

  List<Entry> entries() {
    return entries;
  }

  /** The group of the newest request in this turn with this tool-call id, or null. */
  Group groupFor(String toolCallId) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.chat() instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
          if (r.id() != null && r.id().equals(toolCallId)) {
            return new Group(e.stored().id(), e.stored().groupSize(), r);
          }
        }
      }
    }
    return null;
  }

  Set<String> storedIds() {
    Set<String> ids = new HashSet<>();
    entries.forEach(e -> ids.add(e.stored().id()));
    return ids;
  }

  Set<String> groupIds() {
    Set<String> ids = new HashSet<>();
    entries.forEach(e -> e.stored().groupId().ifPresent(ids::add));
    return ids;
  }

  /**
   * The turn as a prompt's tail: its messages in the order added, each tool request directly
   * followed by all its results (from this turn, or, for results another thread added, from
   * {@code elsewhere}, keyed by group id). A request still missing a result is left out with
   * the results it has, as core leaves out incomplete groups.
   */
  List<ChatMessage> prompt(Map<String, List<ChatMessage>> elsewhere) {
    List<ChatMessage> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (e.chat() instanceof ToolExecutionResultMessage) {
        continue; // shown right after its request
      }
      if (e.stored().groupId().isEmpty()) {
        out.add(e.chat());
        continue;
      }
      String group = e.stored().groupId().get();
      List<ChatMessage> results = new ArrayList<>();
      for (Entry r : entries) {
        if (r.chat() instanceof ToolExecutionResultMessage
            && r.stored().groupId().filter(group::equals).isPresent()) {
          results.add(r.chat());
        }
      }
      results.addAll(elsewhere.getOrDefault(group, List.of()));
      if (results.size() >= e.stored().groupSize() - 1) {
        out.add(e.chat());
        out.addAll(results);
      }
    }
    return out;
  }
}
