package dev.motorhead.store;

/**
 * What {@link MessageStore#acquireLeaseAndRead} found: whether the lease is now held, and if so
 * the session as read while holding it.
 *
 * @param acquired whether the lease is now held with the caller's token
 * @param state every message of the session, its summary and counters; {@link SessionState#EMPTY}
 *     when not acquired
 */
public record LeasedState(boolean acquired, SessionState state) {
  /** The lease is held by someone else: nothing was read. */
  public static final LeasedState BUSY = new LeasedState(false, SessionState.EMPTY);

  /**
   * @param acquired whether the lease is now held with the caller's token
   * @param state what was read; {@link SessionState#EMPTY} when not acquired
   * @throws IllegalArgumentException if state is null
   */
  public LeasedState {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
  }
}
