package dev.motorhead.benchmarks.peer;

import dev.langchain4j.community.store.memory.chat.redis.RedisChatMemoryStore;
import dev.langchain4j.community.store.memory.chat.redis.StoreType;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peer: LangChain4j's {@code MessageWindowChatMemory} on the community
 * {@code RedisChatMemoryStore}, configured as its documentation shows (host, port, prefix, TTL;
 * {@code StoreType.STRING} because plain Redis has no RedisJSON module), one memory per session
 * kept as {@code AiServices} keeps them. Loaded by {@code PeerLoader} in a class loader of its
 * own, with the Jedis 7 the store needs.
 */
public final class LangChain4jWindow {
  private final RedisChatMemoryStore store;
  private final int window;
  private final String prefix;
  private final Map<Integer, ChatMemory> memories = new ConcurrentHashMap<>();

  public LangChain4jWindow(String host, int port, String prefix, int window, long ttlSeconds) {
    this.prefix = prefix;
    this.window = window;
    this.store =
        RedisChatMemoryStore.builder()
            .host(host)
            .port(port)
            .prefix(prefix + ":")
            .ttl(ttlSeconds)
            .storeType(StoreType.STRING)
            .build();
  }

  /** Adds both messages and reads the memory; whether both came back. */
  public boolean turn(int session, String user, String assistant) {
    ChatMemory memory =
        memories.computeIfAbsent(
            session,
            id ->
                MessageWindowChatMemory.builder()
                    .id(id)
                    .maxMessages(window)
                    .chatMemoryStore(store)
                    .build());
    memory.add(UserMessage.from(user));
    memory.add(AiMessage.from(assistant));
    boolean u = false;
    boolean a = false;
    for (ChatMessage m : memory.messages()) {
      if (m instanceof UserMessage um) {
        u |= um.singleText().equals(user);
      } else if (m instanceof AiMessage am) {
        a |= assistant.equals(am.text());
      }
    }
    return u && a;
  }

  public List<String> keys(int session) {
    return List.of(prefix + ":" + session);
  }
}
