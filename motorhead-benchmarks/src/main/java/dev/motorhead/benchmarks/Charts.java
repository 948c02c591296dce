package dev.motorhead.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Renders the benchmark results kept under {@code docs/benchmarks/} as PNG charts beside them,
 * with XChart: each chart a grouped bar chart of one column of one CSV, a group per value of its
 * x column (callers, connections, session size), a bar per system.
 *
 * <pre>
 * java -cp motorhead-benchmarks/target/motorhead-benchmarks.jar \
 *     dev.motorhead.benchmarks.Charts docs/benchmarks "2 cores, Redis 7.0, 2026-12-02"
 * </pre>
 *
 * <p>A chart is drawn when its CSV is there; the caption (the machine and the date of the runs)
 * goes under every title. The CSVs are the ones the benchmarks write, copied there after a run.
 */
public final class Charts {

  /** One chart: which file, which columns, how to title it. */
  record Spec(String csv, String png, String title, String series, String x, String xTitle,
      String y, String yTitle) {}

  static final List<Spec> SPECS = List.of(
      new Spec("turns.csv", "turns-throughput.png",
          "A chat turn (add 2 messages, read the memory): turns/s", "system", "callers",
          "concurrent callers", "turns_per_s", "turns/s (higher is better)"),
      new Spec("turns.csv", "turns-p99.png",
          "A chat turn: p99 latency", "system", "callers", "concurrent callers", "p99_us",
          "p99 µs (lower is better)"),
      new Spec("langchain4j.csv", "langchain4j-throughput.png",
          "LangChain4j ChatMemory turn: turns/s", "memory", "callers", "concurrent callers",
          "turns_per_second", "turns/s (higher is better)"),
      new Spec("spring-ai.csv", "spring-ai-throughput.png",
          "Spring AI ChatMemory turn: turns/s", "memory", "callers", "concurrent callers",
          "turns_per_s", "turns/s (higher is better)"),
      new Spec("server.csv", "server-throughput.png",
          "Motorhead-compatible server turn (POST 2 messages + GET): turns/s", "workload",
          "callers", "connections", "turns_per_s", "turns/s (higher is better)"),
      new Spec("search.csv", "search-latency.png",
          "Long-term memory search: p50 latency by session size", "read", "messages",
          "messages in the session", "p50_ms", "p50 ms (lower is better)"));

  private Charts() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/benchmarks");
    String caption = args.length > 1 ? args[1] : "";
    for (Spec spec : SPECS) {
      Path csv = dir.resolve(spec.csv());
      if (!Files.exists(csv)) {
        System.out.println("skipped " + spec.png() + ": no " + csv);
        continue;
      }
      CategoryChart chart = chart(spec, Csv.read(csv), caption);
      Path png = dir.resolve(spec.png());
      BitmapEncoder.saveBitmapWithDPI(chart, png.toString(), BitmapFormat.PNG, 120);
      System.out.println("wrote " + png);
    }
  }

  static CategoryChart chart(Spec spec, Csv table, String caption) {
    CategoryChart chart = new CategoryChartBuilder()
        .width(1100).height(460)
        .title(caption.isEmpty() ? spec.title() : spec.title() + " — " + caption)
        .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle())
        .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    chart.getStyler().setAvailableSpaceFill(0.8);
    List<String> xs = new ArrayList<>();
    Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
    for (Map<String, String> row : table.rows()) {
      String x = row.get(spec.x());
      if (!xs.contains(x)) {
        xs.add(x);
      }
      bySeries.computeIfAbsent(row.get(spec.series()), k -> new LinkedHashMap<>())
          .put(x, Double.parseDouble(row.get(spec.y())));
    }
    bySeries.forEach((series, values) -> {
      List<Double> ys = new ArrayList<>();
      for (String x : xs) {
        // XChart needs a value per group; a system measured at no such x draws no bar
        ys.add(values.getOrDefault(x, 0.0));
      }
      chart.addSeries(series, xs, ys);
    });
    return chart;
  }

  /** A CSV file as the benchmarks write it: a header, then rows; quoted fields may hold commas. */
  record Csv(List<String> header, List<Map<String, String>> rows) {
    static Csv read(Path path) {
      try {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
          if (line.isBlank()) {
            continue;
          }
          List<String> values = fields(line);
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < header.size() && i < values.size(); i++) {
            row.put(header.get(i), values.get(i));
          }
          rows.add(row);
        }
        return new Csv(header, rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static List<String> fields(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = !quoted;
          }
        } else if (c == ',' && !quoted) {
          out.add(field.toString().strip());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      out.add(field.toString().strip());
      return out;
    }
  }
}
