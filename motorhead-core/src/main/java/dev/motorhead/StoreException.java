package dev.motorhead;

/**
 * A {@link dev.motorhead.store.MessageStore} could not complete an operation: the server is
 * unreachable, timed out, or answered with an error. Store adapters wrap their driver's
 * exceptions in this type, keeping the driver exception as the cause.
 *
 * <p>When an {@code add} fails with this exception the messages may or may not have been
 * written; a store's single-script append guarantees they were written all or none.
 */
public class StoreException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /**
   * A store failure described by a message.
   *
   * @param message what failed, without credentials
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * A store failure caused by a driver exception.
   *
   * @param message what failed, without credentials
   * @param cause the driver's exception
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
