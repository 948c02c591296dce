package dev.motorhead.testing;

import dev.motorhead.Memory;
import dev.motorhead.Message;
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
 *
 * <p>So a test proves exactly-once: give every message a unique content without spaces, and
 * every content must appear once in {@link #everything(Memory)}. Published in motorhead-core's
 * test-jar for the adapters' tests. Thread-safe.
 */
public class LedgerSummarizer implements Summarizer {
  /** The contents of each call's messages, in call order. */
  public final List<List<String>> calls = new CopyOnWriteArrayList<>();
  /** The previous summary each call received, in call order. */
  public final List<String> previousSummaries = new CopyOnWriteArrayList<>();
  private final int budget;

  public LedgerSummarizer() {
    this(100_000);
  }

  public LedgerSummarizer(int inputTokenBudget) {
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

  /** The contents the summary lists, in order. */
  public static List<String> entries(Memory memory) {
    return memory.summary().map(s -> Arrays.asList(s.split(" "))).orElse(List.of());
  }

  /** Every content in the ledger and the window, in order: the ledger, then the window. */
  public static List<String> everything(Memory memory) {
    List<String> all = new ArrayList<>(entries(memory));
    memory.messages().forEach(m -> all.add(m.content()));
    return all;
  }

  /** Contents as the ledger writes them. */
  public static String joined(List<String> contents) {
    return contents.stream().collect(Collectors.joining(" "));
  }
}
