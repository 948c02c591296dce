package dev.motorhead.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README and {@code docs/} honest about code: every Java example in them appears,
 * line for line (indentation and blank lines aside; its imports anywhere in the same file), in a
 * test source of some module, so a test compiles and runs it; every
 * relative link leads to a file and heading that exist, and the BOM lists every published
 * module. Runs from motorhead-examples, the last module with tests, on the repository's files.
 */
class RepositoryDocsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static Path root;
  private static List<Path> pages;
  private static List<List<String>> testSources;

  @BeforeAll
  static void read() throws IOException {
    root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("README.md")).exists();
    List<Path> all = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
    }
    pages = all;
    testSources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path tests = module.resolve("src/test/java");
        if (Files.isDirectory(tests)) {
          try (Stream<Path> files = Files.walk(tests)) {
            files.filter(p -> p.toString().endsWith(".java"))
                .forEach(p -> testSources.add(normalized(read(p))));
          }
        }
      }
    }
  }

  @Test
  void everyJavaExampleOfTheDocsIsInATestSource() {
    List<String> missing = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = JAVA_BLOCK.matcher(read(page));
      while (m.find()) {
        List<String> example = normalized(m.group(1));
        // imports stand at the top of a source, among others: each must be in the same file
        List<String> imports = example.stream().filter(l -> l.startsWith("import ")).toList();
        List<String> code = example.stream().filter(l -> !l.startsWith("import ")).toList();
        if (!code.isEmpty() && testSources.stream()
            .noneMatch(s -> contains(s, code) && imports.stream().allMatch(i -> imports(s, i)))) {
          missing.add(root.relativize(page) + ": " + code.get(0) + " ...");
        }
      }
    }
    assertThat(missing).as("Java examples no test runs").isEmpty();
  }

  @Test
  void everyRelativeLinkLeadsToAFileAndHeadingThatExist() {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(read(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http://") || target.startsWith("https://")
            || target.startsWith("mailto:")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(root.relativize(page) + " -> " + target + " (no such file)");
        } else if (anchor != null && resolved.toString().endsWith(".md")
            && !anchors(read(resolved)).contains(anchor)) {
          broken.add(root.relativize(page) + " -> " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theBomListsEveryPublishedModule() {
    String parent = read(root.resolve("pom.xml"));
    String bom = read(root.resolve("motorhead-bom/pom.xml"));
    Set<String> published = new HashSet<>();
    Matcher module = Pattern.compile("<module>(.*?)</module>").matcher(parent);
    while (module.find()) {
      String name = module.group(1);
      if (!Set.of("motorhead-bom", "motorhead-examples", "motorhead-benchmarks").contains(name)) {
        published.add(name);
      }
    }
    Set<String> listed = new HashSet<>();
    Matcher artifact = Pattern.compile("<artifactId>(motorhead-[a-z0-9-]+)</artifactId>")
        .matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (artifact.find()) {
      listed.add(artifact.group(1));
    }
    assertThat(listed).isEqualTo(published);
  }

  /** GitHub's heading anchors: lowercase, punctuation dropped, spaces as hyphens. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    boolean fenced = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      }
      if (!fenced && line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  /** The non-blank lines, stripped. */
  static List<String> normalized(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty())
        .collect(Collectors.toList());
  }

  /** Whether a source has the import, or needs none for it (a class of its own package). */
  static boolean imports(List<String> source, String importLine) {
    if (source.contains(importLine)) {
      return true;
    }
    String imported = importLine.substring("import ".length(), importLine.length() - 1);
    String pkg = imported.substring(0, imported.lastIndexOf('.'));
    return source.contains("package " + pkg + ";");
  }

  static boolean contains(List<String> source, List<String> example) {
    outer:
    for (int i = 0; i + example.size() <= source.size(); i++) {
      for (int j = 0; j < example.size(); j++) {
        if (!source.get(i + j).equals(example.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
