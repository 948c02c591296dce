package dev.motorhead.spring.boot.docs;

// doc:begin boot
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class ChatApplication {

  @Bean
  ChatClient chatClient(ChatClient.Builder builder, ChatMemory chatMemory) {
    // chatMemory is Motorhead's: the starter replaces Spring AI's MessageWindowChatMemory
    return builder.defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build()).build();
  }

  @Service
  public static class Assistant {
    private final ChatClient chat;

    public Assistant(ChatClient chat) {
      this.chat = chat;
    }

    public String ask(String userId, String question) {
      return chat.prompt()
          .user(question)
          .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, userId))
          .call()
          .content();
    }
  }
}
// doc:end
