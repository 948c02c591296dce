package dev.motorhead.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The texts of the benchmark's chat turns: a user message of about 170 characters and an
 * assistant message of about 600, English sentences with names and numbers drawn from a fixed
 * pool (so the summarizer and the token counter see ordinary prose). Every turn starts with a
 * marker unique in the run, so a reader can tell whether its own two messages came back.
 * Thread-safe.
 */
final class Conversation {
  private static final String[] QUESTIONS = {
    "Could you suggest a vegan dinner for four people that takes less than forty minutes?",
    "My sister Alice is allergic to peanuts, so please keep them out of every recipe.",
    "What wine would go with a chickpea curry, and should it be served chilled at all?",
    "I am flying to Lisbon on the 14th of March; what should I pack for three days there?",
    "Can you remind me what we decided about the budget for the kitchen renovation?",
    "How long should I let bread dough rise in a cold kitchen at about 16 degrees?",
    "Please compare the two laptops we talked about for battery life and for weight.",
    "Our team meeting moved to Thursday at 10:30; can you draft a short note for Bob?",
  };
  private static final String[] ANSWERS = {
    "A chickpea and spinach curry works well: fry an onion, garlic and ginger in oil, add two"
        + " teaspoons of garam masala, a tin of tomatoes and two tins of chickpeas, then simmer"
        + " for twenty minutes and stir in the spinach at the end.",
    "Serve it with basmati rice, which takes about fifteen minutes, and a cucumber raita made"
        + " with coconut yoghurt so the whole meal stays vegan.",
    "Since Alice is allergic to peanuts, use sunflower seeds instead of peanuts for crunch, and"
        + " check the labels of the curry paste, which sometimes contains traces of nuts.",
    "For the wine, an off-dry Riesling or a Gewurztraminer balances the spices; serve it at"
        + " about 9 degrees, slightly colder than a red would be.",
    "Lisbon in March is mild, usually 12 to 18 degrees, with some rain, so pack a light jacket,"
        + " comfortable shoes for the hills of Alfama and an umbrella.",
    "The kitchen budget we agreed on was 12,000 euros, with 3,000 set aside for appliances and"
        + " a contingency of ten percent for surprises behind the walls.",
    "At 16 degrees the first rise may take three to four hours; you can also leave the dough in"
        + " the fridge overnight and bake it in the morning for more flavour.",
    "The lighter laptop weighs 1.1 kilograms and lasts about 14 hours on a charge, while the"
        + " other weighs 1.6 kilograms but has a larger screen and more ports.",
    "Here is a note for Bob: the team meeting moves to Thursday at 10:30 in room 4, and the"
        + " agenda stays the same, starting with the release plan.",
    "Let me know if you want a shopping list for all of this, sorted by aisle, or a timeline"
        + " for the evening so that everything is ready at the same time.",
  };

  private final AtomicLong turns = new AtomicLong();

  /** One turn's two texts and its marker. */
  record Turn(String marker, String user, String assistant) {}

  /** The next turn: about 170 and 600 characters, each starting with the turn's marker. */
  Turn next() {
    long n = turns.incrementAndGet();
    String marker = "[t" + n + "]";
    String user =
        marker + " " + QUESTIONS[(int) (n % QUESTIONS.length)] + " "
            + QUESTIONS[(int) ((n / 7 + 3) % QUESTIONS.length)];
    StringBuilder a = new StringBuilder(640).append(marker);
    for (int i = 0; a.length() < 600; i++) {
      a.append(' ').append(ANSWERS[(int) ((n + 3L * i) % ANSWERS.length)]);
    }
    if (a.length() > 620) { // end at a word near 600 characters
      int cut = a.lastIndexOf(" ", 600);
      a.setLength(cut);
      a.append('.');
    }
    return new Turn(marker, user, a.toString());
  }
}
