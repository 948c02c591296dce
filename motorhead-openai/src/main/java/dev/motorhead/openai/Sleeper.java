package dev.motorhead.openai;

import java.time.Duration;

/** Waits between attempts. Tests use one that records each delay and returns at once. */
@FunctionalInterface
interface Sleeper {
  Sleeper SYSTEM = delay -> Thread.sleep(delay.toMillis());

  void sleep(Duration delay) throws InterruptedException;
}
