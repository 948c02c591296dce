package dev.motorhead.spring.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Spring AI messages into stored messages and back.
 *
 * <p>A stored message holds a readable rendering in its content (what the summarizer reads:
 * {@code "called get_weather({"city":"Oslo"})"}, {@code "get_weather -> 12°C"},
 * {@code "[image/png: photo.png]"}) and the Spring AI message's exact form in its metadata under
 * {@link #EXACT}. Roles are {@code user}, {@code assistant}, {@code system} and {@code tool}.
 *
 * <p>A {@link ToolResponseMessage} is stored as one message per tool response, so that an
 * assistant message asking for {@code n} tool calls and its {@code n} answers form one core
 * group of {@code 1 + n} messages, whether the answers arrive in one Spring AI message or in
 * several. The parts of one Spring AI message carry {@link #PART} ({@code "index/count"}) and
 * {@link #SOURCE} (an id shared by the parts), so that reading merges consecutive parts back into
 * the one message that was added.
 */
final class MessageConverter {
  /** Metadata key of the exact form (JSON). */
  static final String EXACT = "spring-ai.message";
  /** Metadata key of the part index of a tool response: {@code "0/2"}. */
  static final String PART = "spring-ai.part";
  /** Metadata key shared by the parts of one ToolResponseMessage. */
  static final String SOURCE = "spring-ai.source";

  private MessageConverter() {}

  static dev.motorhead.Message system(SystemMessage m) {
    ObjectNode exact = ExactForm.object();
    exact.put("type", "system");
    ExactForm.putText(exact, "text", m.getText());
    exact.set("metadata", ExactForm.metadata(m.getMetadata()));
    return dev.motorhead.Message.builder()
        .role(dev.motorhead.Message.SYSTEM)
        .content(m.getText() == null ? "" : m.getText())
        .pinned(true)
        .metadata(EXACT, ExactForm.write(exact))
        .build();
  }

  static dev.motorhead.Message user(UserMessage m) {
    ObjectNode exact = ExactForm.object();
    exact.put("type", "user");
    ExactForm.putText(exact, "text", m.getText());
    exact.set("metadata", ExactForm.metadata(m.getMetadata()));
    exact.set("media", ExactForm.media(m.getMedia()));
    StringBuilder readable = new StringBuilder(m.getText() == null ? "" : m.getText());
    appendMedia(readable, m.getMedia());
    return dev.motorhead.Message.builder()
        .role(dev.motorhead.Message.USER)
        .content(readable.toString())
        .metadata(EXACT, ExactForm.write(exact))
        .build();
  }

  /**
   * An assistant message; one asking for tool calls opens a group named by its own id, of
   * {@code 1 + toolCalls} messages.
   */
  static dev.motorhead.Message assistant(AssistantMessage m, String id) {
    ObjectNode exact = ExactForm.object();
    exact.put("type", "assistant");
    ExactForm.putText(exact, "text", m.getText());
    exact.set("metadata", ExactForm.metadata(m.getMetadata()));
    exact.set("toolCalls", ExactForm.toolCalls(m.getToolCalls()));
    exact.set("media", ExactForm.media(m.getMedia()));
    StringBuilder readable = new StringBuilder(m.getText() == null ? "" : m.getText());
    for (AssistantMessage.ToolCall call : m.getToolCalls()) {
      line(readable).append("called ").append(call.name()).append('(')
          .append(call.arguments() == null ? "" : call.arguments()).append(')');
    }
    appendMedia(readable, m.getMedia());
    dev.motorhead.Message.Builder b = dev.motorhead.Message.builder()
        .id(id)
        .role(dev.motorhead.Message.ASSISTANT)
        .content(readable.toString())
        .metadata(EXACT, ExactForm.write(exact));
    if (m.hasToolCalls()) {
      b.group(id, 1 + m.getToolCalls().size());
    }
    return b.build();
  }

  /**
   * The responses of a tool response message, one stored message each, in order.
   *
   * @param groups the group of each response: {@code groups.get(i)} is the id of the assistant
   *     message that asked for response {@code i} and the group's size, or {@code null} for a
   *     response whose request is unknown, which is then stored where no reader sees it
   */
  static List<dev.motorhead.Message> toolResponses(ToolResponseMessage m, List<Group> groups) {
    List<ToolResponseMessage.ToolResponse> responses = m.getResponses();
    String source = UUID.randomUUID().toString();
    String metadata = ExactForm.write(ExactForm.metadata(m.getMetadata()));
    List<dev.motorhead.Message> out = new ArrayList<>(responses.size());
    for (int i = 0; i < responses.size(); i++) {
      ToolResponseMessage.ToolResponse r = responses.get(i);
      ObjectNode exact = ExactForm.object();
      exact.put("type", "tool");
      exact.set("response", ExactForm.toolResponse(r));
      if (i == 0) {
        exact.set("metadata", ExactForm.read(metadata));
      }
      dev.motorhead.Message.Builder b = dev.motorhead.Message.builder()
          .role(dev.motorhead.Message.TOOL)
          .content(r.name() + " -> " + (r.responseData() == null ? "" : r.responseData()))
          .metadata(EXACT, ExactForm.write(exact))
          .metadata(PART, i + "/" + responses.size())
          .metadata(SOURCE, source);
      Group g = groups.get(i);
      if (g == null) {
        // No known request: shown alone it would be an orphan tool result, which providers
        // reject. In a group of its own that never completes, no reader sees it, and
        // compaction folds it into the summary in its turn.
        g = new Group("unmatched-tool-result:" + UUID.randomUUID(), 2);
      }
      b.group(g.id(), g.size());
      out.add(b.build());
    }
    return out;
  }

  /** A core group: the requesting assistant message's id and the group's size. */
  record Group(String id, int size) {}

  /**
   * Stored messages back to Spring AI messages, oldest first, merging the consecutive parts of
   * one tool response message. A stored message without an exact form (written by another client
   * of the same store) becomes the Spring AI message its role suggests, with its content as text.
   */
  static List<Message> toSpring(List<dev.motorhead.Message> stored) {
    List<Message> out = new ArrayList<>(stored.size());
    int i = 0;
    while (i < stored.size()) {
      dev.motorhead.Message m = stored.get(i);
      String source = m.metadata().get(SOURCE);
      if (source != null && m.metadata().containsKey(EXACT)) {
        int j = i;
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
        JsonNode metadata = null;
        while (j < stored.size() && source.equals(stored.get(j).metadata().get(SOURCE))) {
          ObjectNode exact = ExactForm.read(stored.get(j).metadata().get(EXACT));
          responses.add(ExactForm.toolResponse(exact.path("response")));
          if (exact.has("metadata")) {
            metadata = exact.get("metadata");
          }
          j++;
        }
        out.add(ToolResponseMessage.builder()
            .responses(responses)
            .metadata(ExactForm.metadata(metadata))
            .build());
        i = j;
        continue;
      }
      out.add(toSpring(m));
      i++;
    }
    return out;
  }

  private static final DecodedMessages DECODED = new DecodedMessages(10_000);

  static Message toSpring(dev.motorhead.Message m) {
    String json = m.metadata().get(EXACT);
    if (json == null) {
      return plain(m);
    }
    return DECODED.get(json, exactForm -> decode(exactForm, m));
  }

  private static Message decode(String json, dev.motorhead.Message m) {
    ObjectNode exact = ExactForm.read(json);
    String text = ExactForm.text(exact, "text");
    return switch (exact.path("type").asString("")) {
      case "system" -> SystemMessage.builder()
          .text(text)
          .metadata(ExactForm.metadata(exact.get("metadata")))
          .build();
      case "user" -> UserMessage.builder()
          .text(text)
          .media(ExactForm.media(exact.path("media")))
          .metadata(ExactForm.metadata(exact.get("metadata")))
          .build();
      case "assistant" -> AssistantMessage.builder()
          .content(text)
          .properties(ExactForm.metadata(exact.get("metadata")))
          .toolCalls(ExactForm.toolCalls(exact.path("toolCalls")))
          .media(ExactForm.media(exact.path("media")))
          .build();
      case "tool" -> ToolResponseMessage.builder()
          .responses(List.of(ExactForm.toolResponse(exact.path("response"))))
          .metadata(ExactForm.metadata(exact.get("metadata")))
          .build();
      default -> plain(m);
    };
  }

  /** A message another client wrote: by role, with its content as text. */
  private static Message plain(dev.motorhead.Message m) {
    String role = m.role().toLowerCase(java.util.Locale.ROOT);
    return switch (role) {
      case "system" -> new SystemMessage(m.content());
      case "assistant", "ai" -> new AssistantMessage(m.content());
      default -> new UserMessage(m.content());
    };
  }

  private static void appendMedia(StringBuilder readable, List<Media> media) {
    for (Media item : media) {
      line(readable).append('[').append(item.getMimeType()).append(": ")
          .append(item.getData() instanceof byte[] ? item.getName() : String.valueOf(item.getData()))
          .append(']');
    }
  }

  private static StringBuilder line(StringBuilder sb) {
    if (sb.length() > 0) {
      sb.append('\n');
    }
    return sb;
  }
}
