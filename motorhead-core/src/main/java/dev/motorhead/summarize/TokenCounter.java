package dev.motorhead.summarize;

import static dev.motorhead.internal.Arguments.notBlank;
import static dev.motorhead.internal.Arguments.notNull;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.motorhead.Message;
import java.util.Locale;

/**
 * Counts tokens the way OpenAI's models do, with jtokkit's bundled encodings (no network).
 * Immutable and thread-safe.
 *
 * <p>{@link #forModel(String)} picks the encoding from the model name: {@code o200k_base} for
 * the gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and o-series families (and for names it does not know),
 * {@code cl100k_base} for gpt-3.5, gpt-4 and the text-embedding models. Other providers'
 * tokenizers differ; the count is then an estimate, which is all the window budget needs.
 *
 * <pre>{@code
 * TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
 * int n = counter.count("How many tokens is this?");
 * }</pre>
 */
public final class TokenCounter {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private final TokenEncoding type;
  private final Encoding encoding;

  private TokenCounter(TokenEncoding type) {
    this.type = type;
    this.encoding = REGISTRY.getEncoding(EncodingType.fromName(type.encodingName())
        .orElseThrow(() -> new IllegalStateException("jtokkit lacks " + type.encodingName())));
  }

  /**
   * The counter for a model name, as described above.
   *
   * @param model an OpenAI model name such as {@code gpt-4o-mini}; a provider prefix such as
   *     {@code openai/} is ignored
   * @return the counter
   * @throws IllegalArgumentException if model is null or blank
   */
  public static TokenCounter forModel(String model) {
    return new TokenCounter(encodingForModel(notBlank(model, "model")));
  }

  /**
   * The counter for an encoding chosen explicitly, overriding the model-name rule.
   *
   * @param encoding one of the bundled encodings
   * @return the counter
   * @throws IllegalArgumentException if encoding is null
   */
  public static TokenCounter forEncoding(TokenEncoding encoding) {
    return new TokenCounter(notNull(encoding, "encoding"));
  }

  /**
   * The default: {@code o200k_base}, the encoding of current OpenAI models.
   *
   * @return the counter
   */
  public static TokenCounter defaultCounter() {
    return new TokenCounter(TokenEncoding.O200K_BASE);
  }

  static TokenEncoding encodingForModel(String model) {
    String m = model.strip().toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/'); // "openai/gpt-4o" as LiteLLM spells it
    if (slash >= 0) {
      m = m.substring(slash + 1);
    }
    if (m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1")
        || m.startsWith("gpt-4.5") || m.startsWith("gpt-5") || m.matches("^o\\d.*")) {
      return TokenEncoding.O200K_BASE;
    }
    if (m.startsWith("gpt-3.5") || m.startsWith("gpt-35") || m.startsWith("gpt-4")
        || m.startsWith("text-embedding-")) {
      return TokenEncoding.CL100K_BASE;
    }
    return TokenEncoding.O200K_BASE;
  }

  /**
   * The encoding in use.
   *
   * @return the encoding this counter counts with
   */
  public TokenEncoding encoding() {
    return type;
  }

  /** Texts longer than this are counted in segments of at most this many characters. */
  static final int SEGMENT = 4_096;

  /**
   * Tokens in a text; special-token markers in it are counted as ordinary text. Linear in the
   * text's length, in time and memory: a long text is counted in segments of at most 4,096
   * characters, each ending just before a space that starts a word, where the encoders' own
   * splitting ends a piece anyway, so the count is exact. Only a run of over 4,096 characters
   * without such a space (no natural text has one) is cut inside the run, which may count a
   * token or so more per cut (every 256 characters of such a run) than the model would.
   *
   * @param text any text, not null
   * @return the token count, at least {@code 0}
   * @throws IllegalArgumentException if text is null
   */
  public int count(String text) {
    notNull(text, "text");
    if (text.length() <= SEGMENT) {
      return encoding.countTokensOrdinary(text);
    }
    long total = 0;
    int start = 0;
    while (start < text.length()) {
      int end = segmentEnd(text, start);
      total += encoding.countTokensOrdinary(text.substring(start, end));
      start = end;
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /** Where the segment starting at {@code start} ends (exclusive). */
  static int segmentEnd(String text, int start) {
    int limit = start + SEGMENT;
    if (limit >= text.length()) {
      return text.length();
    }
    for (int i = limit; i > start + 1; i--) {
      // a single space before a word: the word's piece starts with it, the one before ends
      if (text.charAt(i) == ' ' && !Character.isWhitespace(text.charAt(i - 1))
          && !Character.isWhitespace(text.charAt(i + 1 < text.length() ? i + 1 : i))) {
        return i;
      }
    }
    // no word boundary: cut the run short, where the encoder's cost per piece stays small
    int cut = Math.min(start + RUN_CUT, text.length());
    return Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut;
  }

  /** Where a run without a word boundary is cut: BPE costs grow faster than a piece's length. */
  static final int RUN_CUT = 256;

  /**
   * Tokens a message counts for in the window and in summarizer input: its line
   * {@code "role: content"}, as the summarizer sees it.
   *
   * @param message the message
   * @return the token count of {@code "role: content"}
   */
  public int count(Message message) {
    return count(message.role() + ": " + message.content());
  }

  @Override
  public String toString() {
    return "TokenCounter{" + type.encodingName() + "}";
  }
}
