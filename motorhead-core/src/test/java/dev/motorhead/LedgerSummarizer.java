package dev.motorhead;

import dev.motorhead.summarize.Summarizer;
import dev.motorhead.summarize.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A summarizer whose summary is a ledger: the previous summary followed by the content of every
 * message folded into it, space-separated. Whatever the final summary lists was committed; what
 * a refused commit summarized is not in it. It reports one token per message folded, so the
 * session's token total counts committed folds too.
 */
class LedgerSummarizer implements Summarizer {
  final List<List<String>> calls = new CopyOnWriteArrayList<>();
  final List<String> previousSummaries = new CopyOnWriteArrayList<>();
  private final int budget;

  LedgerSummarizer() {
    this(100_000);
  }

  LedgerSummarizer(int inputTokenBudget) {
    this.budget = inputTokenBudget;
  }

  @Override
  public Summary summarize(String previousSummary, List<Message> newMessages) {
    List<String> contents = newMessages.stream().map(Message::content).toList();
    calls.add(contents);
    previousSummaries.add(previousSummary);
    String added = String.join(" ", contents);
    String text = previousSummary.isEmpty() ? added : previousSummary + " " + added;
    return new Summary(text, newMessages.size());
  }

  @Override
  public int inputTokenBudget() {
    return budget;
  }

  static List<String> entries(Memory memory) {
    return memory.summary().map(s -> Arrays.asList(s.split(" "))).orElse(List.of());
  }

  /** Every content in the ledger and the window, in order: the ledger, then the window. */
  static List<String> everything(Memory memory) {
    List<String> all = new ArrayList<>(entries(memory));
    memory.messages().forEach(m -> all.add(m.content()));
    return all;
  }

  static String joined(List<String> contents) {
    return contents.stream().collect(Collectors.joining(" "));
  }
}
