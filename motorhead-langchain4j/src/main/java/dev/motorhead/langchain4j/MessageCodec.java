package dev.motorhead.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.motorhead.MemoryException;
import dev.motorhead.Message;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A LangChain4j {@link ChatMessage} as a Motorhead {@link Message}, twice over: a readable
 * rendering in {@code content} (what the summarizer reads and the token budget counts) and the
 * exact form in metadata (what {@link #decode} turns back into a message {@code equals} to the
 * original).
 *
 * <p>The exact form is LangChain4j's own JSON ({@link ChatMessageSerializer}) of the message
 * without its attributes, under {@value #EXACT}, and the attributes, when there are any, in
 * {@link AttributeCodec}'s typed JSON under {@value #ATTRIBUTES}: LangChain4j's serializer keeps
 * every field but the attribute values' types. A message that is nothing but its text (a {@code
 * SystemMessage}, a {@code UserMessage} of one text without name or attributes, an {@code
 * AiMessage} of text alone), the most common kind, needs no JSON: {@value #EXACT} is then
 * {@value #PLAIN} and the message is rebuilt from its role and content, which is checked to give
 * back an equal message before it is stored so.
 */
final class MessageCodec {
  /** Metadata key of the message's LangChain4j JSON, attributes left out. */
  static final String EXACT = "langchain4j.message";
  /** Metadata key of the message's attributes in typed JSON, present only when it has some. */
  static final String ATTRIBUTES = "langchain4j.attributes";

  /** The exact form of a message that is its role and its text, nothing else. */
  static final String PLAIN = "plain";

  static final String CUSTOM_ROLE = "custom";

  private MessageCodec() {}

  /** The role a message is stored with. */
  static String role(ChatMessage message) {
    return switch (message.type()) {
      case SYSTEM -> Message.SYSTEM;
      case USER -> Message.USER;
      case AI -> Message.ASSISTANT;
      case TOOL_EXECUTION_RESULT -> Message.TOOL;
      case CUSTOM -> CUSTOM_ROLE;
    };
  }

  /**
   * The metadata entries that hold the message's exact form.
   *
   * @param readable the message's {@link #readable} rendering, which is stored as its content
   */
  static Map<String, String> exact(ChatMessage message, String readable) {
    if (message.equals(plain(role(message), readable))) {
      return Map.of(EXACT, PLAIN);
    }
    Map<String, Object> attributes = attributes(message);
    if (attributes.isEmpty()) {
      return Map.of(EXACT, ChatMessageSerializer.messageToJson(message));
    }
    return Map.of(
        EXACT, ChatMessageSerializer.messageToJson(withoutAttributes(message)),
        ATTRIBUTES, AttributeCodec.encode(attributes));
  }

  /**
   * The LangChain4j message a stored message holds. A message stored by another client of the
   * session (a {@code MemoryClient}, the server) has no exact form: it becomes a {@link
   * SystemMessage} for role {@code system}, an {@link AiMessage} for {@code assistant} or
   * {@code AI}, and a {@link UserMessage} of its content for any other role.
   *
   * @throws MemoryException if the exact form cannot be read
   */
  static ChatMessage decode(Message stored) {
    String json = stored.metadata().get(EXACT);
    if (json == null) {
      return foreign(stored);
    }
    if (json.equals(PLAIN)) {
      ChatMessage message = plain(stored.role(), stored.content());
      if (message == null) {
        throw new MemoryException("Message " + stored.id() + " is marked plain text but has role "
            + stored.role());
      }
      return message;
    }
    ChatMessage message;
    try {
      message = ChatMessageDeserializer.messageFromJson(json);
    } catch (RuntimeException e) {
      throw new MemoryException("Message " + stored.id() + " holds LangChain4j JSON that cannot "
          + "be read", e);
    }
    String attributes = stored.metadata().get(ATTRIBUTES);
    return attributes == null ? message : withAttributes(message, AttributeCodec.decode(attributes));
  }

  /** The message a role and a text make on their own, or null for another role or no text. */
  private static ChatMessage plain(String role, String text) {
    return switch (role) {
      case Message.SYSTEM -> text.isBlank() ? null : SystemMessage.from(text);
      case Message.USER -> UserMessage.from(text);
      case Message.ASSISTANT -> AiMessage.from(text);
      default -> null;
    };
  }

  private static ChatMessage foreign(Message stored) {
    String role = stored.role().toLowerCase(Locale.ROOT);
    String content = stored.content();
    if (role.equals(Message.SYSTEM)) {
      return SystemMessage.from(content.isBlank() ? "(empty)" : content);
    }
    if (role.equals(Message.ASSISTANT) || role.equals("ai")) {
      return AiMessage.from(content);
    }
    return UserMessage.from(content.isEmpty() ? " " : content);
  }

  /**
   * The readable rendering, for the summarizer and the token count.
   *
   * @param request for a tool result, the request it answers when known, else {@code null}
   */
  static String readable(ChatMessage message, ToolExecutionRequest request) {
    if (message instanceof SystemMessage m) {
      return m.text();
    }
    if (message instanceof UserMessage m) {
      String contents = contents(m.contents());
      return m.name() == null ? contents : m.name() + ": " + contents;
    }
    if (message instanceof AiMessage m) {
      StringJoiner lines = new StringJoiner("\n");
      if (m.text() != null && !m.text().isEmpty()) {
        lines.add(m.text());
      }
      for (ToolExecutionRequest r : m.toolExecutionRequests()) {
        lines.add("calls " + call(r));
      }
      return lines.toString();
    }
    if (message instanceof ToolExecutionResultMessage m) {
      String outcome = (Boolean.TRUE.equals(m.isError()) ? "error: " : "") + contents(m.contents());
      return request != null
          ? "called " + call(request) + " -> " + outcome
          : m.toolName() + " -> " + outcome;
    }
    if (message instanceof CustomMessage m) {
      return "custom message " + m.attributes();
    }
    throw new IllegalArgumentException("Unknown LangChain4j message type " + message.type());
  }

  private static String call(ToolExecutionRequest r) {
    String arguments = r.arguments() == null ? "" : r.arguments();
    return r.name() + "(" + arguments + ")";
  }

  private static String contents(List<Content> contents) {
    StringJoiner parts = new StringJoiner("\n");
    for (Content c : contents) {
      parts.add(content(c));
    }
    return parts.toString();
  }

  private static String content(Content c) {
    if (c instanceof TextContent t) {
      return t.text();
    }
    if (c instanceof ImageContent i) {
      return media("image", i.image().url(), i.image().mimeType(), i.image().base64Data(), null);
    }
    if (c instanceof AudioContent a) {
      Audio audio = a.audio();
      return media("audio", audio.url(), audio.mimeType(), audio.base64Data(), audio.binaryData());
    }
    if (c instanceof VideoContent v) {
      return media("video", v.video().url(), v.video().mimeType(), v.video().base64Data(), null);
    }
    if (c instanceof PdfFileContent p) {
      return media("pdf", p.pdfFile().url(), p.pdfFile().mimeType(), p.pdfFile().base64Data(), null);
    }
    return "[" + c.type().toString().toLowerCase(Locale.ROOT) + "]";
  }

  /** {@code [image: https://...]} or {@code [image: image/png, 12 KB]}: never the data itself. */
  private static String media(String kind, URI url, String mimeType, String base64, byte[] bytes) {
    if (url != null) {
      return "[" + kind + ": " + url + "]";
    }
    long size = bytes != null ? bytes.length : base64 != null ? base64.length() * 3L / 4 : 0;
    String type = mimeType != null ? mimeType + ", " : "";
    return "[" + kind + ": " + type + (size < 1024 ? size + " B" : size / 1024 + " KB") + "]";
  }

  private static Map<String, Object> attributes(ChatMessage message) {
    if (message instanceof UserMessage m) {
      return m.attributes();
    }
    if (message instanceof AiMessage m) {
      return m.attributes();
    }
    if (message instanceof ToolExecutionResultMessage m) {
      return m.attributes();
    }
    if (message instanceof CustomMessage m) {
      return m.attributes();
    }
    return Map.of();
  }

  private static ChatMessage withoutAttributes(ChatMessage message) {
    return withAttributes(message, null);
  }

  private static ChatMessage withAttributes(ChatMessage message, Map<String, Object> attributes) {
    if (message instanceof UserMessage m) {
      return m.toBuilder().attributes(attributes).build();
    }
    if (message instanceof AiMessage m) {
      return m.toBuilder().attributes(attributes).build();
    }
    if (message instanceof ToolExecutionResultMessage m) {
      return m.toBuilder().attributes(attributes).build();
    }
    if (message instanceof CustomMessage) {
      return new CustomMessage(attributes == null ? Map.of() : attributes);
    }
    return message;
  }

  /** The tool execution requests of a message, none unless it is an {@link AiMessage}. */
  static List<ToolExecutionRequest> requests(ChatMessage message) {
    return message instanceof AiMessage m && m.hasToolExecutionRequests()
        ? m.toolExecutionRequests()
        : List.of();
  }
}
