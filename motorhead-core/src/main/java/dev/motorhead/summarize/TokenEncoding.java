package dev.motorhead.summarize;

/**
 * The tokenizer encodings a {@link TokenCounter} can count with, named as OpenAI's tiktoken
 * names them. All are bundled (no download).
 *
 * <pre>{@code
 * TokenCounter counter = TokenCounter.forEncoding(TokenEncoding.CL100K_BASE);
 * }</pre>
 */
public enum TokenEncoding {
  /** {@code r50k_base}: GPT-3 models such as davinci. */
  R50K_BASE("r50k_base"),
  /** {@code p50k_base}: Codex models, text-davinci-002 and -003. */
  P50K_BASE("p50k_base"),
  /** {@code p50k_edit}: the edit models. */
  P50K_EDIT("p50k_edit"),
  /** {@code cl100k_base}: gpt-3.5, gpt-4 and the text-embedding models. */
  CL100K_BASE("cl100k_base"),
  /** {@code o200k_base}: gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series; the default. */
  O200K_BASE("o200k_base");

  private final String encodingName;

  TokenEncoding(String encodingName) {
    this.encodingName = encodingName;
  }

  /**
   * The encoding's name as tiktoken spells it.
   *
   * @return the name, such as {@code "o200k_base"}
   */
  public String encodingName() {
    return encodingName;
  }
}
