package dev.motorhead.spring.ai.testing;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;

/** ChatClients as applications build them, and one turn of conversation through them. */
public final class ChatClients {
  private ChatClients() {}

  /**
   * A ChatClient whose memory advisor sits inside Spring AI's tool-calling loop
   * ({@code ToolCallingAdvisor} without its own history, the memory advisor ordered after it), so
   * that tool requests and results are stored in memory, as Spring AI documents it.
   */
  public static ChatClient withToolCallsInMemory(ChatModel model, ChatMemory memory, Object tools) {
    return ChatClient.builder(model)
        .defaultSystem("You are a weather assistant.")
        .defaultTools(tools)
        .defaultAdvisors(
            ToolCallingAdvisor.builder().disableInternalConversationHistory().build(),
            MessageChatMemoryAdvisor.builder(memory)
                .order(ToolCallingAdvisor.DEFAULT_ORDER + 100)
                .build())
        .build();
  }

  /** The text of turn {@code turnId}: a weather question (a tool call) or a plain remark. */
  public static String userText(String turnId, boolean weather) {
    return "turn " + turnId + ": " + (weather ? "what is the weather?" : "tell me something.");
  }

  /** One turn on a conversation; returns the model's answer. */
  public static String turn(ChatClient chat, String conversationId, String turnId, boolean weather) {
    return chat.prompt()
        .user(userText(turnId, weather))
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId))
        .call()
        .content();
  }

  /** The tool's result as Spring AI hands it to the model: the return value as JSON. */
  public static String toolResult(String turnId) {
    return "\"sunny in " + turnId + ".\"";
  }

  /** The answer the judging model gives to that turn. */
  public static String expectedAnswer(String turnId, boolean weather) {
    return weather ? "answer to " + turnId + ": " + toolResult(turnId) : "answer to " + turnId + ".";
  }
}
