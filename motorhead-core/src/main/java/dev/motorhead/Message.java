package dev.motorhead;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.internal.Arguments;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * gets one when it is added to a session, from the client's {@link java.time.Clock}; until then
 * {@link #createdAt()} is {@code null}. A message built without a token count gets one when it
 * is added to a client that has a token budget
 * ({@link dev.motorhead.MemoryClient.Builder#maxWindowTokens(long)}), from its
 * {@link dev.motorhead.summarize.TokenCounter}; without a budget nothing needs the count on the
 * write path, so {@link #tokenCount()} stays {@code 0} and the compactor counts the messages it
 * folds when it folds them.
 *
 * <h2>Messages that travel together</h2>
 * A <b>pinned</b> message ({@link Builder#pinned(boolean)}), typically the system prompt, is
 * kept apart from the window: it never counts toward the window or its token budget, is never
 * summarized, and is returned by {@link Memory#pinned()}. A session holds at most one; adding
 * a pinned message replaces the one before.
 *
 * <p>A <b>group</b> ({@link Builder#group(String, int)}) is a set of messages that must stay
 * together, such as an assistant message requesting tool calls and the tool results answering
 * it (model providers reject a prompt that separates them). Every member names the group's id
 * (the id of its first message) and its size, the number of messages it holds when complete. Compaction folds a group whole
 * or keeps it whole; {@link Memory#messages()} shows a group only once it is complete, its
 * members side by side at the place of its oldest member, even if other messages were added
 * between them.
 *
 * <pre>{@code
 * Message question = Message.of(Message.USER, "What did I order last week?");
 * Message tagged = Message.builder()
 *     .role("tool").content("{\"orders\": 3}")
 *     .metadata("tool_call_id", "call_42")
 *     .build();
 * Message prompt = Message.builder().role(Message.SYSTEM).content("Be brief.").pinned(true).build();
 * Message request = Message.builder().id("a1").role(Message.ASSISTANT)
 *     .content("called orders()").group("a1", 2).build();
 * Message result = Message.builder().role(Message.TOOL).content("3 orders").group("a1", 2).build();
 * }</pre>
 */
public final class Message {
  /** The user's role as LangChain's Motorhead clients write it: {@value}. */
  public static final String HUMAN = "Human";
  /** The model's role as LangChain's Motorhead clients write it: {@value}. */
  public static final String AI = "AI";
  /** The user's role in OpenAI-style chat APIs: {@value}. */
  public static final String USER = "user";
  /** The model's role in OpenAI-style chat APIs: {@value}. */
  public static final String ASSISTANT = "assistant";
  /** The instructions' role in OpenAI-style chat APIs, usually on a pinned message: {@value}. */
  public static final String SYSTEM = "system";
  /** The role of a tool's result in OpenAI-style chat APIs: {@value}. */
  public static final String TOOL = "tool";

  private final String id;
  private final String role;
  private final String content;
  private final Instant createdAt;
  private final int tokenCount;
  private final Map<String, String> metadata;
  private final boolean pinned;
  private final String groupId; // null: not in a group
  private final int groupSize;

  private Message(Builder b) {
    this.id = b.id != null ? b.id : Ids.randomUuid();
    this.role = notBlank(b.role, "role");
    this.content = notNull(b.content, "content");
    this.createdAt = b.createdAt;
    this.tokenCount = b.tokenCount;
    this.metadata = b.metadata == null || b.metadata.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.pinned = b.pinned;
    this.groupId = b.groupId;
    this.groupSize = b.groupSize;
    if (pinned && groupId != null) {
      throw new IllegalArgumentException(
          "a pinned message cannot be in a group, was in group " + Arguments.shown(groupId));
    }
  }

  /**
   * A message with a fresh id.
   *
   * @param role any non-blank string, such as {@link #USER} or {@link #HUMAN}
   * @param content the text; may be empty
   * @return a message without a creation time or token count; its stored copy gets them when
   *     it is added
   * @throws IllegalArgumentException if role is null or blank, or content is null
   */
  public static Message of(String role, String content) {
    return builder().role(role).content(content).build();
  }

  /**
   * A builder for a message with more than a role and content: id, time, metadata, pin, group.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this message's values, to derive a changed copy.
   *
   * @return a new builder; building it unchanged gives a message equal to this one
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.role = role;
    b.content = content;
    b.createdAt = createdAt;
    b.tokenCount = tokenCount;
    if (!metadata.isEmpty()) {
      b.metadata = new LinkedHashMap<>(metadata);
    }
    b.pinned = pinned;
    b.groupId = groupId;
    b.groupSize = groupSize;
    return b;
  }

  /**
   * The message's id: the one given to the builder, or a random UUID.
   *
   * @return a non-blank string
   */
  public String id() {
    return id;
  }

  /**
   * The role, exactly as given.
   *
   * @return a non-blank string
   */
  public String role() {
    return role;
  }

  /**
   * The text of the message.
   *
   * @return the content; may be empty, never null
   */
  public String content() {
    return content;
  }

  /**
   * When the message was created; {@code null} only before it has been added to a session.
   *
   * @return the creation time, or {@code null}
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Tokens the message counts for; {@code 0} when not counted: before it was added, or when the
   * client it was added to has no token budget (see the class comment).
   *
   * @return a count, at least {@code 0}
   */
  public int tokenCount() {
    return tokenCount;
  }

  /**
   * Unmodifiable, in insertion order; empty when none.
   *
   * @return the metadata; never null
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Whether the message is pinned: kept apart from the window (see the class comment).
   *
   * @return true for a pinned message
   */
  public boolean pinned() {
    return pinned;
  }

  /**
   * The id of the group the message travels with, empty when it is in none.
   *
   * @return the group id, or empty
   */
  public Optional<String> groupId() {
    return Optional.ofNullable(groupId);
  }

  /**
   * How many messages its group holds when complete; {@code 0} when it is in none.
   *
   * @return the group's size, or {@code 0}
   */
  public int groupSize() {
    return groupSize;
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
        && metadata.equals(m.metadata)
        && pinned == m.pinned
        && Objects.equals(groupId, m.groupId)
        && groupSize == m.groupSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role, content, createdAt, tokenCount, metadata, pinned, groupId,
        groupSize);
  }

  @Override
  public String toString() {
    String shown = content.length() > 60 ? content.substring(0, 60) + "..." : content;
    return "Message{id=" + id + ", role=" + role + ", content=" + shown
        + (pinned ? ", pinned" : "")
        + (groupId == null ? "" : ", group=" + groupId + "/" + groupSize) + "}";
  }

  /** Builds a {@link Message}; role and content are required. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String role;
    private String content;
    private Instant createdAt;
    private int tokenCount;
    private Map<String, String> metadata; // created with the first entry
    private boolean pinned;
    private String groupId;
    private int groupSize;

    private Builder() {}

    /**
     * The message id; a random UUID when not set. Must not be blank.
     *
     * @param id any non-blank string
     * @return this builder
     */
    public Builder id(String id) {
      this.id = notBlank(id, "id");
      return this;
    }

    /**
     * The role; required. Kept exactly as given.
     *
     * @param role any non-blank string, such as {@link Message#USER} or {@link Message#HUMAN}
     * @return this builder
     */
    public Builder role(String role) {
      this.role = notBlank(role, "role");
      return this;
    }

    /**
     * The content; may be empty, never null.
     *
     * @param content the text
     * @return this builder
     */
    public Builder content(String content) {
      this.content = notNull(content, "content");
      return this;
    }

    /**
     * When the message was created; set from the client's clock when it is added, if not set.
     *
     * @param createdAt the creation time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = notNull(createdAt, "createdAt");
      return this;
    }

    /**
     * Tokens the message counts for; left at 0, computed when the message is added to a client
     * with a token budget.
     *
     * @param tokenCount at least {@code 0}
     * @return this builder
     */
    public Builder tokenCount(int tokenCount) {
      this.tokenCount = atLeast(tokenCount, 0, "tokenCount");
      return this;
    }

    /**
     * Adds one metadata entry, replacing a value already set for the key.
     *
     * @param key any string, not null
     * @param value any string, not null
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      notNull(key, "metadata key");
      notNull(value, "metadata value");
      if (metadata == null) {
        metadata = new LinkedHashMap<>();
      }
      metadata.put(key, value);
      return this;
    }

    /**
     * Adds every entry of a map, in its iteration order, replacing values already set for its keys.
     *
     * @param entries keys and values, none null
     * @return this builder
     */
    public Builder metadata(Map<String, String> entries) {
      notNull(entries, "metadata").forEach(this::metadata);
      return this;
    }

    /**
     * Pins the message (a system prompt): kept apart from the window, never summarized, and
     * replacing the session's pinned message when added. Not pinned by default.
     *
     * @param pinned whether the message is pinned
     * @return this builder
     */
    public Builder pinned(boolean pinned) {
      this.pinned = pinned;
      return this;
    }

    /**
     * Puts the message in a group that travels together, such as a tool-call request and its
     * results: give every member the same group id, the id of the group's first message (the
     * request), and the same size, the number of messages the group holds when complete. The
     * id is how compaction tells a group still waiting for its results (kept from folding for
     * a while, see {@code MemoryClient.Builder.groupCompletionTimeout}) from results that
     * arrived after their request was folded.
     *
     * @param groupId the id of the group's first message
     * @param groupSize the messages the complete group holds, at least 1
     * @return this builder
     * @throws IllegalArgumentException if groupId is blank or groupSize is below 1
     */
    public Builder group(String groupId, int groupSize) {
      this.groupId = notBlank(groupId, "groupId");
      this.groupSize = atLeast(groupSize, 1, "groupSize");
      return this;
    }

    /**
     * Takes the message out of any group.
     *
     * @return this builder
     */
    public Builder noGroup() {
      this.groupId = null;
      this.groupSize = 0;
      return this;
    }

    /**
     * @return the message, with a random UUID if no id was set
     * @throws IllegalArgumentException if role or content was not set, or a pinned message was
     *     put in a group
     */
    public Message build() {
      return new Message(this);
    }
  }
}
