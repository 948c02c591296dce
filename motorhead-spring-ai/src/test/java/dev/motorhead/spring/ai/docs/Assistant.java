package dev.motorhead.spring.ai.docs;

// doc:begin spring-ai
import dev.motorhead.MemoryClient;
import dev.motorhead.redis.lettuce.LettuceMessageStore;
import dev.motorhead.spring.ai.ChatModelSummarizer;
import dev.motorhead.spring.ai.MotorheadChatMemory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;

/** A chat assistant that remembers each user's conversation in Redis. */
public class Assistant implements AutoCloseable {
  private final LettuceMessageStore store;
  private final MemoryClient memory;
  private final ChatClient chat;

  public Assistant(ChatModel chatModel, String redisUrl) {
    store = LettuceMessageStore.create(redisUrl);
    memory = MemoryClient.builder()
        .store(store)
        .summarizer(ChatModelSummarizer.create(chatModel)) // the same model writes the summaries
        .windowSize(12)
        .build();
    ChatMemory chatMemory = MotorheadChatMemory.create(memory);
    chat = ChatClient.builder(chatModel)
        .defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build())
        .build();
  }

  public String ask(String userId, String question) {
    return chat.prompt()
        .user(question)
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, userId))
        .call()
        .content();
  }

  @Override
  public void close() {
    memory.close();
    store.close();
  }
}
// doc:end
