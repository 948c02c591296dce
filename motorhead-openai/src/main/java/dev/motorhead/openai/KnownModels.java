package dev.motorhead.openai;

import java.util.Locale;

/**
 * What this module knows about OpenAI model names: context windows, which request parameters a
 * family takes, and the native size of embedding vectors. Names are matched by prefix, ignoring
 * case and a provider prefix such as {@code "openai/"} (LiteLLM's spelling).
 */
final class KnownModels {
  /** The context window assumed for a model this table does not know. */
  static final int UNKNOWN_CONTEXT_WINDOW = 8_192;

  private KnownModels() {}

  /** The model's context window in tokens, or {@link #UNKNOWN_CONTEXT_WINDOW}. */
  static int contextWindow(String model) {
    String m = normalize(model);
    if (m.startsWith("gpt-4.1")) {
      return 1_047_576;
    }
    if (m.startsWith("gpt-5")) {
      return 400_000;
    }
    if (m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o")) {
      return 128_000;
    }
    if (m.startsWith("gpt-4-turbo") || m.startsWith("gpt-4-1106") || m.startsWith("gpt-4-0125")) {
      return 128_000;
    }
    if (m.startsWith("gpt-4-32k")) {
      return 32_768;
    }
    if (m.startsWith("gpt-4")) {
      return 8_192;
    }
    if (m.startsWith("gpt-3.5-turbo") || m.startsWith("gpt-35-turbo")) {
      return 16_385;
    }
    if (m.startsWith("o1-mini") || m.startsWith("o1-preview")) {
      return 128_000;
    }
    if (m.matches("^o\\d.*")) {
      return 200_000; // o1, o3, o3-mini, o4-mini
    }
    return UNKNOWN_CONTEXT_WINDOW;
  }

  /**
   * Whether the model is a reasoning model (o-series, gpt-5): it takes {@code
   * max_completion_tokens} instead of {@code max_tokens} and accepts only its default temperature.
   */
  static boolean isReasoningModel(String model) {
    String m = normalize(model);
    return m.matches("^o\\d.*") || m.startsWith("gpt-5");
  }

  /** The native vector length of an embedding model, or {@code 0} when not known. */
  static int embeddingDimensions(String model) {
    String m = normalize(model);
    if (m.startsWith("text-embedding-3-small") || m.startsWith("text-embedding-ada-002")) {
      return 1_536;
    }
    if (m.startsWith("text-embedding-3-large")) {
      return 3_072;
    }
    return 0;
  }

  /** Whether the embedding model accepts the {@code dimensions} request parameter. */
  static boolean acceptsDimensions(String model) {
    return normalize(model).startsWith("text-embedding-3");
  }

  private static String normalize(String model) {
    String m = model.strip().toLowerCase(Locale.ROOT);
    return m.substring(m.lastIndexOf('/') + 1);
  }
}
