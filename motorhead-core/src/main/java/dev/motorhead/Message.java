package dev.motorhead;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One chat message: an id, a role, the content, when it was created, how many tokens it counts
 * for, and optional string metadata. Immutable and thread-safe.
 *
 * <p>The role is a free-form string kept exactly as given: {@code "Human"} and {@code "AI"}
 * from LangChain's Motorhead clients, {@code "user"}, {@code "assistant"}, {@code "system"} and
 * {@code "tool"} from OpenAI-style applications, or anything else that is not blank. Constants
 * for the common ones are provided.
 *
 * <p>A message built without an id gets a random UUID. A message built without a creation time
 * or token count gets them when it is added to a session: the time from the client's
 * {@link java.time.Clock}, the count from its {@link dev.motorhead.summarize.TokenCounter}.
 * Until then {@link #createdAt()} is {@code null} and {@link #tokenCount()} is {@code 0}.
 *
 * <pre>{@code
 * Message question = Message.of(Message.USER, "What did I order last week?");
 * Message tagged = Message.builder()
 *     .role("tool").content("{\"orders\": 3}")
 *     .metadata("tool_call_id", "call_42")
 *     .build();
 * }</pre>
 */
public final class Message {
  public static final String HUMAN = "Human";
  public static final String AI = "AI";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
  public static final String SYSTEM = "system";
  public static final String TOOL = "tool";

  private final String id;
  private final String role;
  private final String content;
  private final Instant createdAt;
  private final int tokenCount;
  private final Map<String, String> metadata;

  private Message(Builder b) {
    this.id = b.id != null ? b.id : UUID.randomUUID().toString();
    this.role = notBlank(b.role, "role");
    this.content = notNull(b.content, "content");
    this.createdAt = b.createdAt;
    this.tokenCount = b.tokenCount;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /**
   * A message with a fresh id.
   *
   * @throws IllegalArgumentException if role is null or blank, or content is null
   */
  public static Message of(String role, String content) {
    return builder().role(role).content(content).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this message's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.role = role;
    b.content = content;
    b.createdAt = createdAt;
    b.tokenCount = tokenCount;
    b.metadata.putAll(metadata);
    return b;
  }

  public String id() {
    return id;
  }

  public String role() {
    return role;
  }

  public String content() {
    return content;
  }

  /** When the message was created; {@code null} only before it has been added to a session. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Tokens the message counts for; {@code 0} only before it has been added to a session. */
  public int tokenCount() {
    return tokenCount;
  }

  /** Unmodifiable, in insertion order; empty when none. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Message)) {
      return false;
    }
    Message m = (Message) o;
    return tokenCount == m.tokenCount
        && id.equals(m.id)
        && role.equals(m.role)
        && content.equals(m.content)
        && Objects.equals(createdAt, m.createdAt)
        && metadata.equals(m.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role, content, createdAt, tokenCount, metadata);
  }

  @Override
  public String toString() {
    String shown = content.length() > 60 ? content.substring(0, 60) + "..." : content;
    return "Message{id=" + id + ", role=" + role + ", content=" + shown + "}";
  }

  /** Builds a {@link Message}; role and content are required. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String role;
    private String content;
    private Instant createdAt;
    private int tokenCount;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** The message id; a random UUID when not set. Must not be blank. */
    public Builder id(String id) {
      this.id = notBlank(id, "id");
      return this;
    }

    public Builder role(String role) {
      this.role = notBlank(role, "role");
      return this;
    }

    /** The content; may be empty, never null. */
    public Builder content(String content) {
      this.content = notNull(content, "content");
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = notNull(createdAt, "createdAt");
      return this;
    }

    /** Tokens the message counts for; computed when the message is added if left at 0. */
    public Builder tokenCount(int tokenCount) {
      this.tokenCount = atLeast(tokenCount, 0, "tokenCount");
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(notNull(key, "metadata key"), notNull(value, "metadata value"));
      return this;
    }

    public Builder metadata(Map<String, String> entries) {
      notNull(entries, "metadata").forEach(this::metadata);
      return this;
    }

    /**
     * @throws IllegalArgumentException if role or content was not set
     */
    public Message build() {
      return new Message(this);
    }
  }
}
