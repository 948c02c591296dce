package dev.motorhead.summarize;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default summarizer: deterministic, extractive, offline. <b>It is not a language model.</b>
 * It writes nothing new; it keeps the most informative sentences of the previous summary and the
 * new messages, each prefixed with its speaker's role, within a token budget, in their original
 * order. It makes the library useful with no model configured and makes tests reproducible; use
 * a model-backed summarizer (motorhead-openai) for real summaries.
 *
 * <p>A sentence scores by its content words, rarer words across the input counting more, plus
 * numbers and capitalised names, relative to its length. Sentences without a content word
 * ("ok", "thanks!") are never kept. When the budget is full, lower-scoring sentences give way,
 * older ones first on a tie. It reports {@code 0} tokens used. Immutable and thread-safe.
 *
 * <pre>{@code
 * Summarizer summarizer = OfflineSummarizer.builder().maxSummaryTokens(300).build();
 * }</pre>
 */
public final class OfflineSummarizer implements Summarizer {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\R+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’_-]*");
  private static final Set<String> STOPWORDS =
      Set.of(
          "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at",
          "by", "for", "with", "about", "from", "as", "into", "is", "are", "was", "were", "be",
          "been", "being", "am", "do", "does", "did", "have", "has", "had", "i", "you", "he",
          "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "its",
          "our", "their", "this", "that", "these", "those", "there", "here", "what", "which",
          "who", "whom", "how", "when", "where", "why", "can", "could", "would", "should", "will",
          "shall", "may", "might", "must", "not", "no", "yes", "ok", "okay", "sure", "thanks",
          "thank", "please", "hi", "hello", "hey", "just", "also", "very", "really", "too", "all",
          "any", "some", "more", "most", "other", "than", "up", "out", "over", "again", "let",
          "i'm", "it's", "that's", "don't", "i'll", "you're", "great", "good", "nice", "well");

  private final int maxSummaryTokens;
  private final int inputTokenBudget;
  private final TokenCounter tokenCounter;

  private OfflineSummarizer(Builder b) {
    this.maxSummaryTokens = b.maxSummaryTokens;
    this.inputTokenBudget = b.inputTokenBudget;
    this.tokenCounter = b.tokenCounter;
  }

  /** The default: summaries of at most 256 tokens. */
  public static OfflineSummarizer create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public int inputTokenBudget() {
    return inputTokenBudget;
  }

  @Override
  public Summary summarize(String previousSummary, List<Message> newMessages) {
    notNull(previousSummary, "previousSummary");
    notNull(newMessages, "newMessages");
    List<String> candidates = new ArrayList<>();
    for (String line : previousSummary.split("\\R")) {
      if (!line.isBlank()) {
        candidates.add(line.strip());
      }
    }
    for (Message m : newMessages) {
      for (String sentence : SENTENCE_END.split(m.content())) {
        if (!sentence.isBlank()) {
          candidates.add(m.role() + ": " + sentence.strip());
        }
      }
    }
    List<String> kept = select(dedupe(candidates));
    if (kept.isEmpty()) {
      return new Summary(previousSummary, 0);
    }
    return new Summary(String.join("\n", kept), 0);
  }

  private static List<String> dedupe(List<String> candidates) {
    Set<String> seen = new HashSet<>();
    List<String> unique = new ArrayList<>();
    for (String c : candidates) {
      if (seen.add(c.toLowerCase(Locale.ROOT))) {
        unique.add(c);
      }
    }
    return unique;
  }

  private List<String> select(List<String> candidates) {
    List<Set<String>> words = new ArrayList<>();
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (String c : candidates) {
      Set<String> content = contentWords(c);
      words.add(content);
      content.forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
    }
    int n = candidates.size();
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      if (words.get(i).isEmpty()) {
        score[i] = -1;
        continue;
      }
      double s = 0;
      for (String w : words.get(i)) {
        s += 1 + Math.log((double) n / documentFrequency.get(w));
        if (w.chars().anyMatch(Character::isDigit)) {
          s += 1;
        }
      }
      s += properNames(candidates.get(i));
      score[i] = s / Math.sqrt(wordCount(candidates.get(i)));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (score[i] > 0) {
        order.add(i);
      }
    }
    // best first; on a tie the newer sentence wins
    order.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparing(i -> -i));
    Set<Integer> chosen = new LinkedHashSet<>();
    List<String> text = new ArrayList<>(candidates);
    int used = 0;
    for (int i : order) {
      String line = text.get(i);
      int cost = tokenCounter.count(line) + 1;
      if (cost > maxSummaryTokens && chosen.isEmpty()) {
        line = truncate(line, maxSummaryTokens - 1);
        text.set(i, line);
        cost = tokenCounter.count(line) + 1;
      }
      if (used + cost <= maxSummaryTokens) {
        chosen.add(i);
        used += cost;
      }
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (chosen.contains(i)) {
        kept.add(text.get(i));
      }
    }
    return kept;
  }

  private String truncate(String line, int tokens) {
    String[] parts = line.split("\\s+");
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      String next = sb.length() == 0 ? p : sb + " " + p;
      if (tokenCounter.count(next + " …") > tokens) {
        break;
      }
      sb.setLength(0);
      sb.append(next);
    }
    return sb + " …";
  }

  private static Set<String> contentWords(String line) {
    String body = line.substring(line.indexOf(": ") + 2); // the role prefix is not content
    Set<String> words = new LinkedHashSet<>();
    var m = WORD.matcher(body);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!STOPWORDS.contains(w) && (w.length() > 1 || Character.isDigit(w.charAt(0)))) {
        words.add(w);
      }
    }
    return words;
  }

  private static int properNames(String line) {
    String body = line.substring(line.indexOf(": ") + 2);
    var m = WORD.matcher(body);
    int names = 0;
    boolean first = true;
    while (m.find()) {
      String w = m.group();
      if (!first && Character.isUpperCase(w.charAt(0))
          && !STOPWORDS.contains(w.toLowerCase(Locale.ROOT))) {
        names++;
      }
      first = false;
    }
    return names;
  }

  private static int wordCount(String line) {
    var m = WORD.matcher(line);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return Math.max(count, 1);
  }

  @Override
  public String toString() {
    return "OfflineSummarizer{maxSummaryTokens=" + maxSummaryTokens + "}";
  }

  /** Builds an {@link OfflineSummarizer}. Not thread-safe. */
  public static final class Builder {
    private int maxSummaryTokens = 256;
    private int inputTokenBudget = 3_000;
    private TokenCounter tokenCounter = TokenCounter.defaultCounter();

    private Builder() {}

    /** The longest summary it writes, in tokens; 256 by default. */
    public Builder maxSummaryTokens(int maxSummaryTokens) {
      this.maxSummaryTokens = atLeast(maxSummaryTokens, 16, "maxSummaryTokens");
      return this;
    }

    /** The most tokens of new messages one call takes; 3,000 by default. */
    public Builder inputTokenBudget(int inputTokenBudget) {
      this.inputTokenBudget = atLeast(inputTokenBudget, 1, "inputTokenBudget");
      return this;
    }

    /** Counts the summary's tokens; {@code o200k_base} by default. */
    public Builder tokenCounter(TokenCounter tokenCounter) {
      this.tokenCounter = notNull(tokenCounter, "tokenCounter");
      return this;
    }

    public OfflineSummarizer build() {
      return new OfflineSummarizer(this);
    }
  }
}
