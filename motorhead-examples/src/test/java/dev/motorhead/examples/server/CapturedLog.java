package dev.motorhead.examples.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the server logs while a test runs: slf4j-simple writes each line to whatever
 * {@code System.err} is at that moment, so this swaps it for a buffer until closed.
 */
final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private CapturedLog() {
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  static CapturedLog start() {
    return new CapturedLog();
  }

  /** The lines logged so far. */
  synchronized List<String> lines() {
    System.err.flush();
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Override
  public void close() {
    System.setErr(original);
    original.print(buffer.toString(StandardCharsets.UTF_8));
  }
}
