package dev.motorhead.langchain4j;

import static dev.motorhead.internal.Arguments.notNull;

import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.motorhead.MemoryClient;

/**
 * A LangChain4j {@link ChatMemoryProvider} for {@code AiServices}: one {@link
 * MotorheadChatMemory} per memory id, all over one {@link MemoryClient}, so one client (one
 * store, one summarizer) serves every user.
 *
 * <pre>{@code
 * interface Assistant {
 *   String chat(@MemoryId String userId, @UserMessage String message);
 * }
 *
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .chatMemoryProvider(MotorheadChatMemoryProvider.builder().memoryClient(client).build())
 *     .build();
 * assistant.chat("user-42", "Hello!");
 * }</pre>
 *
 * <p>The memory id, any object, names the session by its {@code toString()}: ids with equal
 * strings share a session, and an id whose string is blank is refused with an {@link
 * IllegalArgumentException}. {@code AiServices} asks for a memory once per id and keeps it;
 * {@link #get} itself makes a new, light memory on every call (the session's state lives in the
 * store, the memory only keeps each thread's current turn: see {@link MotorheadChatMemory}).
 *
 * <p>Immutable and thread-safe. The {@link MemoryClient} is the caller's to close.
 */
public final class MotorheadChatMemoryProvider implements ChatMemoryProvider {
  private final MemorySettings settings;

  private MotorheadChatMemoryProvider(MemorySettings settings) {
    this.settings = settings;
  }

  /**
   * A builder; set at least the {@link MemoryClient}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The memory of the session named {@code memoryId.toString()}.
   *
   * @throws IllegalArgumentException if memoryId is null or its string is blank
   */
  @Override
  public MotorheadChatMemory get(Object memoryId) {
    return new MotorheadChatMemory(notNull(memoryId, "memoryId"), settings);
  }

  @Override
  public String toString() {
    return "MotorheadChatMemoryProvider{client=" + settings.client() + "}";
  }

  /** Builds a {@link MotorheadChatMemoryProvider}. Each setter checks its argument. Not thread-safe. */
  public static final class Builder extends MemorySettings.Builder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * @return a new provider, sharing the client among the memories it gives
     * @throws IllegalArgumentException if no memory client was set
     */
    public MotorheadChatMemoryProvider build() {
      return new MotorheadChatMemoryProvider(settings());
    }
  }
}
