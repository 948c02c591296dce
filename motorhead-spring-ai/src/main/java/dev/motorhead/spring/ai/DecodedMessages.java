package dev.motorhead.spring.ai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * Spring AI messages already decoded from their exact form, so that a message read again (a
 * window message is read on every turn while it stays in the window) is not parsed again. Keyed
 * by the exact form's JSON text; at most {@code capacity} entries, emptied when full.
 *
 * <p>The cached message is never handed out: each read gets a copy with its own metadata map and
 * lists (Spring AI messages expose their metadata map for writing). Media objects are shared.
 * Thread-safe.
 */
final class DecodedMessages {
  private final int capacity;
  private final ConcurrentHashMap<String, Message> byExactForm = new ConcurrentHashMap<>();

  DecodedMessages(int capacity) {
    this.capacity = capacity;
  }

  /** A copy of the message the exact form decodes to. */
  Message get(String exactForm, java.util.function.Function<String, Message> decode) {
    Message cached = byExactForm.get(exactForm);
    if (cached == null) {
      cached = decode.apply(exactForm);
      if (byExactForm.size() >= capacity) {
        byExactForm.clear();
      }
      byExactForm.put(exactForm, cached);
    }
    return copy(cached);
  }

  static Message copy(Message m) {
    if (m instanceof SystemMessage) {
      return SystemMessage.builder().text(m.getText()).metadata(new HashMap<>(m.getMetadata()))
          .build();
    }
    if (m instanceof UserMessage u) {
      return UserMessage.builder().text(u.getText()).media(new ArrayList<>(u.getMedia()))
          .metadata(new HashMap<>(u.getMetadata())).build();
    }
    if (m instanceof AssistantMessage a) {
      return AssistantMessage.builder().content(a.getText())
          .properties(new HashMap<>(a.getMetadata()))
          .toolCalls(List.copyOf(a.getToolCalls())).media(List.copyOf(a.getMedia())).build();
    }
    if (m instanceof ToolResponseMessage t) {
      return ToolResponseMessage.builder().responses(List.copyOf(t.getResponses()))
          .metadata(new HashMap<>(t.getMetadata())).build();
    }
    return m;
  }
}
