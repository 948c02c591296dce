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
 * The offline summarizer as it was before its regular expressions and per-line caches were
 * replaced (issue 11, round two), kept unchanged as the reference that
 * {@link OfflineSummarizerEquivalenceTest} compares the current one with: the summaries must stay
 * the same.
 */
final class ReferenceOfflineSummarizer implements Summarizer {
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

  private ReferenceOfflineSummarizer(Builder b) {
    this.maxSummaryTokens = b.maxSummaryTokens;
    this.inputTokenBudget = b.inputTokenBudget;
    this.tokenCounter = b.tokenCounter;
  }

  /** The default: summaries of at most 256 tokens. */
  static ReferenceOfflineSummarizer create() {
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
    if (kept.isEmpty() && previousSummary.isBlank()) {
      // Nothing scored (no content word: "a", "ok", "b"), but the folded messages said
      // something: keep their lines as they are rather than leave no trace of them.
      kept = fallback(newMessages);
    }
    if (kept.isEmpty()) {
      return new Summary(previousSummary, 0);
    }
    return new Summary(String.join("\n", kept), 0);
  }

  /** The new messages' non-blank lines, oldest first, as many as fit the summary budget. */
  private List<String> fallback(List<Message> newMessages) {
    List<String> lines = new ArrayList<>();
    int used = 0;
    for (Message m : newMessages) {
      if (m.content().isBlank()) {
        continue;
      }
      String line = m.role() + ": " + m.content().strip().replaceAll("\\s+", " ");
      int cost = count(line) + 1;
      if (cost > maxSummaryTokens - used) {
        if (lines.isEmpty()) {
          lines.add(truncate(line, maxSummaryTokens - 1));
        }
        break;
      }
      lines.add(line);
      used += cost;
    }
    return lines;
  }

  /** Token counts of lines seen recently: a summary's lines come back at every compaction. */
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> counts =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_CACHED = 4_096;
  private final java.util.concurrent.ConcurrentHashMap<String, Scan> scans =
      new java.util.concurrent.ConcurrentHashMap<>();

  private int count(String line) {
    Integer known = counts.get(line);
    if (known != null) {
      return known;
    }
    int n = tokenCounter.count(line);
    if (counts.size() >= MAX_CACHED) {
      counts.clear();
    }
    counts.put(line, n);
    return n;
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

  /** What one pass over a candidate line finds: its content words, names and word count. */
  private record Scan(Set<String> contentWords, int properNames, int words) {}

  /**
   * One pass over the line's words (the pattern {@code [\p{L}\p{N}][\p{L}\p{N}'’_-]*}, by
   * hand): the body's content words and capitalised names (its role prefix is not content),
   * and all words. Cached: a summary's lines come back at every compaction.
   */
  private Scan scan(String line) {
    Scan known = scans.get(line);
    if (known != null) {
      return known;
    }
    int colon = line.indexOf(": ");
    int bodyStart = colon < 0 ? 0 : colon + 2; // a line of the caller's context has no role
    Set<String> content = new LinkedHashSet<>();
    int names = 0;
    int words = 0;
    boolean first = true;
    int i = 0;
    int n = line.length();
    while (i < n) {
      int cp = line.codePointAt(i);
      if (!isLetterOrNumber(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      i += Character.charCount(cp);
      while (i < n) {
        int c = line.codePointAt(i);
        if (!isLetterOrNumber(c) && c != '\'' && c != '’' && c != '_' && c != '-') {
          break;
        }
        i += Character.charCount(c);
      }
      words++;
      if (start < bodyStart) {
        continue; // a word of the role
      }
      String w = line.substring(start, i);
      String lower = w.toLowerCase(Locale.ROOT);
      boolean stop = STOPWORDS.contains(lower);
      if (!stop && (lower.length() > 1 || Character.isDigit(lower.charAt(0)))) {
        content.add(lower);
      }
      if (!first && Character.isUpperCase(w.charAt(0)) && !stop) {
        names++;
      }
      first = false;
    }
    Scan scan = new Scan(content, names, Math.max(words, 1));
    if (scans.size() >= MAX_CACHED) {
      scans.clear();
    }
    scans.put(line, scan);
    return scan;
  }

  private static boolean isLetterOrNumber(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    int type = Character.getType(cp);
    return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /**
   * A lower bound of the line's tokens with no encoding: its runs of non-whitespace. The
   * encoders split text into pieces of which none holds two such runs (a piece is a run of
   * whitespace, or at most one space before a run), and every piece is at least one token.
   */
  static int fewestTokens(String line) {
    int runs = 0;
    boolean inRun = false;
    for (int i = 0; i < line.length(); i++) {
      boolean space = Character.isWhitespace(line.charAt(i));
      if (!space && !inRun) {
        runs++;
      }
      inRun = !space;
    }
    return runs;
  }

  private List<String> select(List<String> candidates) {
    int n = candidates.size();
    List<Scan> scans = new ArrayList<>(n);
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (String c : candidates) {
      Scan sc = scan(c);
      scans.add(sc);
      sc.contentWords().forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
    }
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      Scan sc = scans.get(i);
      if (sc.contentWords().isEmpty()) {
        score[i] = -1;
        continue;
      }
      double s = 0;
      for (String w : sc.contentWords()) {
        s += 1 + Math.log((double) n / documentFrequency.get(w));
        if (hasDigit(w)) {
          s += 1;
        }
      }
      s += sc.properNames();
      score[i] = s / Math.sqrt(sc.words());
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
      if (maxSummaryTokens - used < 2) {
        break; // full: no line costs less than 2 (a token and its line break)
      }
      String line = text.get(i);
      if (!chosen.isEmpty() && used + fewestTokens(line) + 1 > maxSummaryTokens) {
        continue; // cannot fit whatever its exact count: no need to count it
      }
      int cost = count(line) + 1;
      if (cost > maxSummaryTokens && chosen.isEmpty()) {
        line = truncate(line, maxSummaryTokens - 1);
        text.set(i, line);
        cost = count(line) + 1;
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

  private static boolean hasDigit(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isDigit(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The longest run of the line's first words that, with {@code " …"}, fits in {@code tokens}:
   * a binary search over the word count, so a huge line costs {@code O(n log n)}, not the
   * {@code O(n²)} of adding one word at a time.
   */
  private String truncate(String line, int tokens) {
    String[] parts = line.split("\\s+");
    int lo = 0; // words known to fit
    int hi = parts.length; // words that may fit
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (tokenCounter.count(String.join(" ", java.util.Arrays.asList(parts).subList(0, mid))
          + " …") <= tokens) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return String.join(" ", java.util.Arrays.asList(parts).subList(0, lo)) + " …";
  }

  @Override
  public String toString() {
    return "OfflineSummarizer{maxSummaryTokens=" + maxSummaryTokens + "}";
  }

  /** Builds an {@link OfflineSummarizer}. Not thread-safe. */
  public static final class Builder {
    private int maxSummaryTokens = 256;
    private int inputTokenBudget = 100_000;
    private TokenCounter tokenCounter = TokenCounter.defaultCounter();

    private Builder() {}

    /** The longest summary it writes, in tokens; 256 by default. */
    public Builder maxSummaryTokens(int maxSummaryTokens) {
      this.maxSummaryTokens = atLeast(maxSummaryTokens, 16, "maxSummaryTokens");
      return this;
    }

    /**
     * The most tokens of new messages one call takes; 100,000 by default. Extractive
     * summarizing has no context window: the budget only bounds one call's work (linear in
     * it), and a whole compaction's messages usually go in one call, without being counted.
     */
    public Builder inputTokenBudget(int inputTokenBudget) {
      this.inputTokenBudget = atLeast(inputTokenBudget, 1, "inputTokenBudget");
      return this;
    }

    /** Counts the summary's tokens; {@code o200k_base} by default. */
    public Builder tokenCounter(TokenCounter tokenCounter) {
      this.tokenCounter = notNull(tokenCounter, "tokenCounter");
      return this;
    }

    public ReferenceOfflineSummarizer build() {
      return new ReferenceOfflineSummarizer(this);
    }
  }
}
