package dev.motorhead.store;

/** The order of a session listing, by the time each session was last written. */
public enum SessionOrder {
  /** Oldest activity first: the order Motorhead's {@code GET /sessions} returns. */
  LEAST_RECENT_FIRST,
  /** Newest activity first. */
  MOST_RECENT_FIRST
}
