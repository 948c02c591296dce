package dev.motorhead.spring.boot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/spring.md are the sources that {@code AssistantIT} and
 * {@code ChatApplicationIT} compile and run: each example in the page is the region between
 * {@code // doc:begin} and {@code // doc:end} of its source, character for character.
 */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("..");

  private static String region(Path source) throws Exception {
    String text = Files.readString(source);
    int begin = text.indexOf('\n', text.indexOf("// doc:begin")) + 1;
    int end = text.indexOf("// doc:end");
    return text.substring(begin, end);
  }

  @Test
  void theExamplesInTheSpringPageAreTheTestedSources() throws Exception {
    String page = Files.readString(ROOT.resolve("docs/spring.md"));

    assertThat(page).contains(region(ROOT.resolve(
        "motorhead-spring-ai/src/test/java/dev/motorhead/spring/ai/docs/Assistant.java")));
    assertThat(page).contains(region(ROOT.resolve(
        "motorhead-spring-boot-starter/src/test/java/dev/motorhead/spring/boot/docs/"
            + "ChatApplication.java")));
    assertThat(page).contains("motorhead.window-size=12\nmotorhead.redis.url=redis://localhost:6379\n"
        + "motorhead.summarizer.model=gpt-4o-mini\n");
  }
}
