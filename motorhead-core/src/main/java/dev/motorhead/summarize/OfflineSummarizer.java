package dev.motorhead.summarize;

import static dev.motorhead.internal.Arguments.atLeast;
import static dev.motorhead.internal.Arguments.notNull;

import dev.motorhead.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

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
 * <p>Its cost is a few linear passes over the folded text and the previous summary: no regular
 * expression, words known by 64-bit hashes of their lower-cased forms instead of strings, and
 * the token counts of lines it kept remembered (in a fixed table per encoding), since a
 * summary's lines come back at every compaction of its session.
 *
 * <pre>{@code
 * Summarizer summarizer = OfflineSummarizer.builder().maxSummaryTokens(300).build();
 * }</pre>
 */
public final class OfflineSummarizer implements Summarizer {
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
    this.counts = countsFor(b.tokenCounter);
  }

  /**
   * The default: summaries of at most 256 tokens.
   *
   * @return a new summarizer counting with {@code o200k_base}
   */
  public static OfflineSummarizer create() {
    return builder().build();
  }

  /**
   * A builder, to set the summary's and the input's token budgets or the token counter.
   *
   * @return a new builder
   */
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
    split(previousSummary, false, "", candidates);
    for (Message m : newMessages) {
      split(m.content(), true, m.role() + ": ", candidates);
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

  /**
   * Splits text into its non-blank pieces, stripped and prefixed, as the patterns
   * {@code (?<=[.!?])\s+|\R+} (sentences: whitespace after a sentence's end, or line breaks)
   * or {@code \R} (lines) would, without a regular expression: this runs over every folded
   * message. {@code \s} is {@code [ \t\n\x0B\f\r]} there, {@code \R} a line break of any kind.
   * Pieces may differ from the patterns' only by whitespace at their ends, which is stripped.
   */
  static void split(String text, boolean sentences, String prefix, List<String> out) {
    int start = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c > ' ' && c < 0x85) {
        i++; // neither a space nor a line break: most characters
        continue;
      }
      boolean lineBreak = isLineBreak(c);
      if (lineBreak || (sentences && isSpace(c) && i > 0 && isSentenceEnd(text.charAt(i - 1)))) {
        piece(text, start, i, prefix, out);
        i++;
        while (i < n && (lineBreak ? isLineBreak(text.charAt(i)) : isSpace(text.charAt(i)))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    piece(text, start, n, prefix, out);
  }

  private static void piece(String text, int start, int end, String prefix, List<String> out) {
    String piece = text.substring(start, end).strip();
    if (!piece.isEmpty()) {
      out.add(prefix.isEmpty() ? piece : prefix + piece);
    }
  }

  private static boolean isSentenceEnd(char c) {
    return c == '.' || c == '!' || c == '?';
  }

  /** {@code \s} without Unicode classes. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** A character of {@code \R}. */
  private static boolean isLineBreak(char c) {
    return c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85 || c == 0x2028
        || c == 0x2029;
  }

  /**
   * Token counts of lines seen recently, shared by every summarizer counting with the same
   * encoding: a summary's lines come back at every compaction of its session, and counting them
   * again was most of the summarizer's work. A fixed table of {@value #COUNT_SLOTS} slots
   * (512 KB per encoding in use), each holding a line's count under bits of a 64-bit hash of
   * the line (so a false hit needs two different lines to agree on 56 bits); a line whose slot
   * another took is counted again.
   */
  private static final int COUNT_SLOTS = 1 << 16;
  private static final AtomicLongArray[] COUNTS =
      new AtomicLongArray[TokenEncoding.values().length];

  private final AtomicLongArray counts;

  private static synchronized AtomicLongArray countsFor(TokenCounter counter) {
    int e = counter.encoding().ordinal();
    if (COUNTS[e] == null) {
      COUNTS[e] = new AtomicLongArray(COUNT_SLOTS);
    }
    return COUNTS[e];
  }

  private int count(String line) {
    long h = hash(line);
    int slot = (int) h & (COUNT_SLOTS - 1);
    long tag = h >>> 24; // 40 bits, none of them the slot's
    long entry = counts.get(slot);
    if (entry != 0 && entry >>> 24 == tag) {
      return (int) (entry & 0xFF_FFFF);
    }
    int n = tokenCounter.count(line);
    if (n > 0 && n <= 0xFF_FFFF) {
      counts.set(slot, tag << 24 | n);
    }
    return n;
  }

  private static final long FNV_BASIS = 0xCBF2_9CE4_8422_2325L;
  private static final long FNV_PRIME = 0x100_0000_01B3L;

  /** FNV-1a over the characters, then a 64-bit finalizer so that every bit depends on all. */
  static long hash(String s) {
    long h = FNV_BASIS;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return finish(h);
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    return h ^ (h >>> 33);
  }

  /** The candidates without those equal to an earlier one but for case (lower-cased). */
  private static List<String> dedupe(List<String> candidates) {
    Set<Long> seen = new HashSet<>();
    List<String> unique = new ArrayList<>(candidates.size());
    for (String c : candidates) {
      if (seen.add(lowerHash(c, 0, c.length()))) {
        unique.add(c);
      }
    }
    return unique;
  }

  /**
   * The {@link #hash} of {@code s.substring(start, end).toLowerCase(Locale.ROOT)}, without
   * making either string when the text is Latin-1, which lower-cases character by character.
   */
  static long lowerHash(String s, int start, int end) {
    long h = FNV_BASIS;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * FNV_PRIME;
      } else if (c < 0x100) {
        h = (h ^ Character.toLowerCase(c)) * FNV_PRIME;
      } else {
        return hash(s.substring(start, end).toLowerCase(Locale.ROOT));
      }
    }
    return finish(h);
  }

  /** The stop words' hashes, in an open-addressing table of 256 slots (0: free). */
  private static final long[] STOPWORD_HASHES = stopwordHashes();

  private static long[] stopwordHashes() {
    long[] table = new long[256];
    for (String w : STOPWORDS) {
      long h = hash(w);
      int slot = (int) h & 255;
      while (table[slot] != 0) {
        slot = (slot + 1) & 255;
      }
      table[slot] = h;
    }
    return table;
  }

  private static boolean isStopword(long hash) {
    int slot = (int) hash & 255;
    while (STOPWORD_HASHES[slot] != 0) {
      if (STOPWORD_HASHES[slot] == hash) {
        return true;
      }
      slot = (slot + 1) & 255;
    }
    return false;
  }

  /**
   * What one pass over the candidate lines finds (the pattern {@code [\p{L}\p{N}][\p{L}\p{N}'’_-]*}
   * by hand): per line, its distinct content words in the order they first appear, its
   * capitalised names and its word count, the role prefix being no content; per distinct
   * content word, the lines holding it and whether it has a digit. A word is known by a 64-bit
   * hash of its lower-cased form, so no string is made for it.
   */
  private static final class Scan {
    final int[][] contentWords;
    final int[] names;
    final int[] words;
    private long[] keys; // open addressing; 0 marks a free slot
    private int[] idOfSlot;
    private int distinct;
    int[] lines = new int[64]; // per word id: how many lines hold it
    boolean[] digit = new boolean[64];
    private int[] lastLine = new int[64];

    Scan(List<String> candidates) {
      int n = candidates.size();
      long chars = 0;
      for (String c : candidates) {
        chars += c.length();
      }
      // a word takes five characters or more with its space: half full at most, to begin with
      int slots = Integer.highestOneBit((int) Math.min(1 << 20, Math.max(64, chars / 5 * 2))) * 2;
      keys = new long[slots];
      idOfSlot = new int[slots];
      contentWords = new int[n][];
      names = new int[n];
      words = new int[n];
      int[] buffer = new int[16];
      for (int l = 0; l < n; l++) {
        String line = candidates.get(l);
        int colon = line.indexOf(": ");
        int bodyStart = colon < 0 ? 0 : colon + 2; // a line of the caller's context has no role
        int found = 0;
        int wordCount = 0;
        int nameCount = 0;
        boolean first = true;
        int i = 0;
        int len = line.length();
        while (i < len) {
          char ch = line.charAt(i);
          int cp = ch < 0x80 ? ch : line.codePointAt(i);
          if (!isLetterOrNumber(cp)) {
            i += Character.charCount(cp);
            continue;
          }
          int start = i;
          i += Character.charCount(cp);
          while (i < len) {
            char d = line.charAt(i);
            int c = d < 0x80 ? d : line.codePointAt(i);
            if (!isLetterOrNumber(c) && c != '\'' && c != '’' && c != '_' && c != '-') {
              break;
            }
            i += Character.charCount(c);
          }
          wordCount++;
          if (start < bodyStart) {
            continue; // a word of the role
          }
          String lower = latin1(line, start, i) ? null
              : line.substring(start, i).toLowerCase(Locale.ROOT);
          long h = lower == null ? lowerHash(line, start, i) : hash(lower);
          boolean stop = isStopword(h);
          int lowerLength = lower == null ? i - start : lower.length();
          char lowerFirst =
              lower == null ? Character.toLowerCase(line.charAt(start)) : lower.charAt(0);
          if (!stop && (lowerLength > 1 || Character.isDigit(lowerFirst))) {
            int id = id(h, lower == null ? hasDigit(line, start, i) : hasDigit(lower, 0,
                lower.length()));
            if (lastLine[id] != l + 1) {
              lastLine[id] = l + 1;
              lines[id]++;
              if (found == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, found * 2);
              }
              buffer[found++] = id;
            }
          }
          if (!first && Character.isUpperCase(line.charAt(start)) && !stop) {
            nameCount++;
          }
          first = false;
        }
        contentWords[l] = java.util.Arrays.copyOf(buffer, found);
        names[l] = nameCount;
        words[l] = Math.max(wordCount, 1);
      }
    }

    private static boolean latin1(String s, int start, int end) {
      for (int i = start; i < end; i++) {
        if (s.charAt(i) >= 0x100) {
          return false;
        }
      }
      return true;
    }

    /** The id of the word with this hash, a new one the first time. */
    private int id(long hash, boolean hasDigit) {
      long key = hash == 0 ? 1 : hash; // 0 marks a free slot
      int mask = keys.length - 1;
      int slot = (int) (key ^ (key >>> 32)) & mask;
      while (keys[slot] != 0) {
        if (keys[slot] == key) {
          return idOfSlot[slot];
        }
        slot = (slot + 1) & mask;
      }
      int id = distinct++;
      keys[slot] = key;
      idOfSlot[slot] = id;
      if (id == lines.length) {
        lines = java.util.Arrays.copyOf(lines, id * 2);
        digit = java.util.Arrays.copyOf(digit, id * 2);
        lastLine = java.util.Arrays.copyOf(lastLine, id * 2);
      }
      digit[id] = hasDigit;
      if (distinct * 2 > keys.length) {
        grow();
      }
      return id;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldIds = idOfSlot;
      keys = new long[oldKeys.length * 2];
      idOfSlot = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int s = 0; s < oldKeys.length; s++) {
        if (oldKeys[s] != 0) {
          int slot = (int) (oldKeys[s] ^ (oldKeys[s] >>> 32)) & mask;
          while (keys[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[s];
          idOfSlot[slot] = oldIds[s];
        }
      }
    }

    int distinctWords() {
      return distinct;
    }
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
    Scan sc = new Scan(candidates);
    double[] rarity = new double[sc.distinctWords()]; // 1 + ln(n / lines holding the word)
    for (int w = 0; w < rarity.length; w++) {
      rarity[w] = 1 + Math.log((double) n / sc.lines[w]);
    }
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      int[] content = sc.contentWords[i];
      if (content.length == 0) {
        score[i] = -1;
        continue;
      }
      double s = 0;
      for (int w : content) {
        s += rarity[w];
        if (sc.digit[w]) {
          s += 1;
        }
      }
      s += sc.names[i];
      score[i] = s / Math.sqrt(sc.words[i]);
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

  private static boolean hasDigit(String w, int start, int end) {
    for (int i = start; i < end; i++) {
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

    /**
     * The longest summary it writes, in tokens; 256 by default.
     *
     * @param maxSummaryTokens tokens, at least 16
     * @return this builder
     * @throws IllegalArgumentException if below 16
     */
    public Builder maxSummaryTokens(int maxSummaryTokens) {
      this.maxSummaryTokens = atLeast(maxSummaryTokens, 16, "maxSummaryTokens");
      return this;
    }

    /**
     * The most tokens of new messages one call takes; 100,000 by default. Extractive
     * summarizing has no context window: the budget only bounds one call's work (linear in
     * it), and a whole compaction's messages usually go in one call, without being counted.
     *
     * @param inputTokenBudget tokens, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder inputTokenBudget(int inputTokenBudget) {
      this.inputTokenBudget = atLeast(inputTokenBudget, 1, "inputTokenBudget");
      return this;
    }

    /**
     * Counts the summary's tokens; {@code o200k_base} by default.
     *
     * @param tokenCounter a thread-safe counter
     * @return this builder
     */
    public Builder tokenCounter(TokenCounter tokenCounter) {
      this.tokenCounter = notNull(tokenCounter, "tokenCounter");
      return this;
    }

    /**
     * Builds the summarizer.
     *
     * @return a new, immutable summarizer
     */
    public OfflineSummarizer build() {
      return new OfflineSummarizer(this);
    }
  }
}
