package dev.motorhead.examples.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while it arrives: whole, up to a size limit,
 * within a deadline. Exactly one of the two outcomes is reported, once: the body, or an
 * {@link ApiException} (413 over the limit, 408 past the deadline or when the client stops
 * sending until the idle timeout, 400 when the connection fails mid-body).
 */
final class BodyReader implements Runnable {
  private final Request request;
  private final int limit;
  private final Consumer<byte[]> onBody;
  private final Consumer<ApiException> onError;
  private final AtomicBoolean finished = new AtomicBoolean();
  private byte[] bytes = new byte[0];
  private int size;
  private volatile Scheduler.Task deadline;

  private BodyReader(
      Request request, int limit, Consumer<byte[]> onBody, Consumer<ApiException> onError) {
    this.request = request;
    this.limit = limit;
    this.onBody = onBody;
    this.onError = onError;
  }

  /**
   * Starts reading; the outcome is reported on this thread or on one of Jetty's.
   *
   * @param timeout how long the whole body may take to arrive
   */
  static void read(Request request, int limit, Duration timeout, Scheduler scheduler,
      Consumer<byte[]> onBody, Consumer<ApiException> onError) {
    BodyReader reader = new BodyReader(request, limit, onBody, onError);
    if (request.getLength() > limit) {
      reader.fail(tooLarge(limit));
      return;
    }
    reader.deadline = scheduler.schedule(() -> reader.fail(new ApiException(408,
        "The request body did not arrive within " + timeout.toMillis()
            + " ms (MOTORHEAD_BODY_TIMEOUT)")), timeout.toMillis(), TimeUnit.MILLISECONDS);
    reader.run();
  }

  /** Reads what has arrived; asks to be called again when more does. */
  @Override
  public void run() {
    while (!finished.get()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Throwable failure = chunk.getFailure();
        fail(failure instanceof TimeoutException
            ? new ApiException(408, "The request body stopped arriving (MOTORHEAD_IDLE_TIMEOUT)")
            : new ApiException(400, "The request body could not be read"));
        return;
      }
      ByteBuffer buffer = chunk.getByteBuffer();
      int n = buffer.remaining();
      if ((long) size + n > limit) {
        chunk.release();
        fail(tooLarge(limit));
        return;
      }
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + n, bytes.length * 2)));
      }
      buffer.get(bytes, size, n);
      size += n;
      chunk.release();
      if (chunk.isLast()) {
        if (finished.compareAndSet(false, true)) {
          cancelDeadline();
          onBody.accept(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
        }
        return;
      }
    }
  }

  private void fail(ApiException error) {
    if (finished.compareAndSet(false, true)) {
      cancelDeadline();
      onError.accept(error);
    }
  }

  private void cancelDeadline() {
    Scheduler.Task task = deadline;
    if (task != null) {
      task.cancel();
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(413, "The request body is larger than " + limit
        + " bytes (MOTORHEAD_MAX_BODY_BYTES)");
  }
}
