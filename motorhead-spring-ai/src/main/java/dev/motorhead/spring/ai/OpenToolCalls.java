package dev.motorhead.spring.ai;

import dev.motorhead.spring.ai.MessageConverter.Group;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;

/**
 * The tool-call requests this JVM stored whose answers have not all arrived yet.
 *
 * <p>Core hides an incomplete group from every reader, so that no caller sends a model a tool
 * request without its results. But the caller that is running the tools needs its own request
 * in its next prompt: with a memory advisor inside Spring AI's tool-calling loop, {@code get}
 * is called before the tool results are added. So a request stays here, with the thread that
 * added it, until its results arrive; that thread's reads show it (and the results that came so
 * far) at the end, and nobody else's do. Results are matched to their request by tool-call id
 * on any thread, so the group is found even when another thread adds them.
 *
 * <p>An entry is forgotten once answered, after {@code timeout}, or when its thread has ended.
 * Thread-safe.
 */
final class OpenToolCalls {
  private static final int MAX_OPEN_PER_CONVERSATION = 64;

  private final Duration timeout;
  private final Clock clock;
  private final Map<String, List<Open>> byConversation = new HashMap<>(); // guarded by this

  OpenToolCalls(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  private static final class Open {
    final String groupId;
    final int size;
    final AssistantMessage request;
    final Thread owner;
    final Instant opened;
    final List<String> unanswered = new ArrayList<>();
    final List<ToolResponseMessage.ToolResponse> answered = new ArrayList<>();

    Open(String groupId, AssistantMessage request, Thread owner, Instant opened) {
      this.groupId = groupId;
      this.size = 1 + request.getToolCalls().size();
      this.request = request;
      this.owner = owner;
      this.opened = opened;
      request.getToolCalls().forEach(c -> unanswered.add(c.id()));
    }
  }

  /** Records a tool request just stored by the current thread. */
  synchronized void opened(String conversationId, String groupId, AssistantMessage request) {
    List<Open> open = live(conversationId, true);
    if (open.size() >= MAX_OPEN_PER_CONVERSATION) {
      open.remove(0);
    }
    open.add(new Open(groupId, request, Thread.currentThread(), clock.instant()));
  }

  /**
   * The group of each response, matched by tool-call id to an open request of the conversation
   * (the current thread's first), else to the current thread's oldest request still waiting;
   * {@code null} for a response that matches no request.
   */
  synchronized List<Group> answered(
      String conversationId, List<ToolResponseMessage.ToolResponse> responses) {
    List<Open> open = live(conversationId, false);
    List<Group> groups = new ArrayList<>(responses.size());
    Thread me = Thread.currentThread();
    for (ToolResponseMessage.ToolResponse r : responses) {
      Open match = null;
      String id = null;
      for (int pass = 0; pass < 3 && match == null; pass++) {
        for (Open o : open) {
          boolean mine = o.owner == me;
          if (pass == 0 && mine && o.unanswered.contains(r.id())
              || pass == 1 && o.unanswered.contains(r.id())
              || pass == 2 && mine && !o.unanswered.isEmpty()) {
            match = o;
            id = pass == 2 ? o.unanswered.get(0) : r.id();
            break;
          }
        }
      }
      if (match == null) {
        groups.add(null);
        continue;
      }
      match.unanswered.remove(id);
      match.answered.add(r);
      groups.add(new Group(match.groupId, match.size));
      if (match.unanswered.isEmpty()) {
        open.remove(match);
      }
    }
    if (open.isEmpty()) {
      byConversation.remove(conversationId);
    }
    return groups;
  }

  /** The current thread's open requests in the conversation, each with its results so far. */
  synchronized List<Message> ownedByCurrentThread(String conversationId) {
    List<Open> open = live(conversationId, false);
    if (open.isEmpty()) {
      return List.of();
    }
    List<Message> out = new ArrayList<>();
    for (Open o : open) {
      if (o.owner == Thread.currentThread()) {
        out.add(o.request);
        if (!o.answered.isEmpty()) {
          out.add(ToolResponseMessage.builder().responses(List.copyOf(o.answered)).build());
        }
      }
    }
    return out;
  }

  /** Removes requests whose store write failed. */
  synchronized void withdraw(String conversationId, List<String> groupIds) {
    List<Open> open = byConversation.get(conversationId);
    if (open != null && !groupIds.isEmpty()) {
      open.removeIf(o -> groupIds.contains(o.groupId));
      if (open.isEmpty()) {
        byConversation.remove(conversationId);
      }
    }
  }

  synchronized void forget(String conversationId) {
    byConversation.remove(conversationId);
  }

  /** The conversation's entries, without those timed out or whose thread has ended. */
  private List<Open> live(String conversationId, boolean create) {
    List<Open> open = byConversation.get(conversationId);
    if (open == null) {
      if (!create) {
        return new ArrayList<>();
      }
      open = new ArrayList<>();
      byConversation.put(conversationId, open);
      return open;
    }
    Instant oldest = clock.instant().minus(timeout);
    for (Iterator<Open> it = open.iterator(); it.hasNext(); ) {
      Open o = it.next();
      if (o.opened.isBefore(oldest) || !o.owner.isAlive()) {
        it.remove();
      }
    }
    return open;
  }
}
