package dev.motorhead.benchmarks;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.motorhead.langchain4j.EmbeddingModelEmbedder;
import dev.motorhead.longterm.Embedder;
import dev.motorhead.longterm.LexicalEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What long-term memory's embedders cost per message on this machine: the in-process
 * all-MiniLM-L6-v2 model the server uses with {@code MOTORHEAD_EMBEDDINGS=local}, against the
 * lexical default. Model load time, then wall-clock microseconds per message embedded in batches
 * of 1 and of 64 (the long-term memory's batch size), three rounds each.
 *
 * <pre>
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar \
 *     dev.motorhead.benchmarks.LocalEmbeddingBenchmark
 * </pre>
 */
public final class LocalEmbeddingBenchmark {
  private static final String TEXT = "My sister Alice is allergic to peanuts and shellfish, so the"
      + " curry for Friday must be made without them; the assistant suggested coconut milk.";

  private LocalEmbeddingBenchmark() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    Embedder local = EmbeddingModelEmbedder.builder()
        .embeddingModel(new AllMiniLmL6V2EmbeddingModel()).dimensions(384).build();
    System.out.printf(Locale.ROOT, "all-MiniLM-L6-v2 loaded in %d ms, cores %d%n%n",
        (System.nanoTime() - started) / 1_000_000, Runtime.getRuntime().availableProcessors());
    System.out.println("| embedder | batch | round | µs per message |");
    System.out.println("|---|---|---|---|");
    for (int round = 1; round <= 3; round++) {
      report("all-MiniLM-L6-v2", local, 1, 200, round);
      report("all-MiniLM-L6-v2", local, 64, 4, round);
      report("lexical", LexicalEmbedder.create(), 64, 400, round);
    }
  }

  private static void report(String name, Embedder embedder, int batch, int batches, int round) {
    long started = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      List<String> texts = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        texts.add(TEXT + " " + b + "-" + i);
      }
      embedder.embed(texts);
    }
    double micros = (System.nanoTime() - started) / 1e3 / (batch * batches);
    System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f |%n", name, batch, round, micros);
  }
}
