package dev.motorhead.spring.ai.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.ai.tool.annotation.Tool;

/** The one tool of the scenarios: answers {@code "sunny in <city>."} and counts its calls. */
public final class WeatherTools {
  private final AtomicInteger calls = new AtomicInteger();

  @Tool(description = "The weather in a city")
  public String weather(String city) {
    calls.incrementAndGet();
    return "sunny in " + city + ".";
  }

  public int calls() {
    return calls.get();
  }
}
