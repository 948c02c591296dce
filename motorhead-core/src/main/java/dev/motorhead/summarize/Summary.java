package dev.motorhead.summarize;

/**
 * What a {@link Summarizer} returns.
 *
 * @param text the new running summary; blank or {@code "NONE"} keeps the previous one
 * @param tokensUsed tokens the model reported using (prompt and completion), {@code 0} for a
 *     summarizer that uses no model
 */
public record Summary(String text, long tokensUsed) {
  /**
   * @param text the new running summary; not null
   * @param tokensUsed tokens the model reported using, at least {@code 0}
   * @throws IllegalArgumentException if text is null or tokensUsed is negative
   */
  public Summary {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
    if (tokensUsed < 0) {
      throw new IllegalArgumentException("tokensUsed must be >= 0, was " + tokensUsed);
    }
  }

  /**
   * Whether the text is a summary at all: not blank and not the word {@code NONE} that models
   * answer when there is nothing to add.
   *
   * @return false for a blank text and for {@code NONE} (with or without a final period, in any
   *     case)
   */
  public boolean hasContent() {
    String t = text.strip();
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return !t.isEmpty() && !t.equalsIgnoreCase("NONE");
  }
}
