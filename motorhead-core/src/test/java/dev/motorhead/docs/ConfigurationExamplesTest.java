package dev.motorhead.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.motorhead.MemoryClient;
import dev.motorhead.Message;
import org.junit.jupiter.api.Test;

class ConfigurationExamplesTest {

  @Test
  void everySettingBuildsAWorkingClient() {
    assertThat(ConfigurationExamples.everySetting().messages()).extracting(Message::content)
        .containsExactly("Hello", "Hi! How can I help?");
  }

  @Test
  void theAsynchronousFormsChain() {
    try (MemoryClient client = MemoryClient.create()) {
      assertThat(ConfigurationExamples.asyncForms(client)).extracting(Message::content)
          .containsExactly("Where is my order?");
    }
  }

  @Test
  void aBadArgumentIsNamed() {
    try (MemoryClient client = MemoryClient.create()) {
      assertThat(ConfigurationExamples.errors(client))
          .isEqualTo("sessionId must not be blank, was \" \"");
    }
  }
}
