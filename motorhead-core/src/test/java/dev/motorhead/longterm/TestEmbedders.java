package dev.motorhead.longterm;

import dev.motorhead.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Embedders for tests: given vectors, failing a number of times, or held until released. */
public final class TestEmbedders {
  private TestEmbedders() {}

  /** Returns the vector registered for each text (the lexical one for others). */
  public static final class Given implements Embedder {
    private final int dimensions;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final LexicalEmbedder fallback;

    public Given(int dimensions) {
      this.dimensions = dimensions;
      this.fallback = LexicalEmbedder.builder().dimensions(Math.max(16, dimensions)).build();
    }

    public Given with(String text, float[] vector) {
      vectors.put(text, vector);
      return this;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      for (String t : texts) {
        float[] v = vectors.get(t);
        out.add(v != null ? v : java.util.Arrays.copyOf(fallback.embed(t), dimensions));
      }
      return out;
    }

    @Override
    public int dimensions() {
      return dimensions;
    }
  }

  /** Fails its first {@code failures} calls (retryable or not), then embeds lexically. */
  public static final class Failing implements Embedder {
    private final LexicalEmbedder delegate = LexicalEmbedder.builder().dimensions(64).build();
    private final AtomicInteger failuresLeft;
    private final boolean retryable;
    public final AtomicInteger calls = new AtomicInteger();

    public Failing(int failures, boolean retryable) {
      this.failuresLeft = new AtomicInteger(failures);
      this.retryable = retryable;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      calls.incrementAndGet();
      if (failuresLeft.getAndDecrement() > 0) {
        throw new ModelException("model unavailable (test)", retryable ? 503 : 400, retryable);
      }
      return delegate.embed(texts);
    }

    @Override
    public int dimensions() {
      return 64;
    }
  }

  /** Embeds lexically, but fails every call whose texts include a given one. */
  public static final class Refusing implements Embedder {
    private final LexicalEmbedder delegate = LexicalEmbedder.builder().dimensions(64).build();
    private final String refused;
    private final java.util.function.Supplier<RuntimeException> failure;
    public final AtomicInteger calls = new AtomicInteger();

    private Refusing(String refused, java.util.function.Supplier<RuntimeException> failure) {
      this.refused = refused;
      this.failure = failure;
    }

    public static Refusing with(String refused,
        java.util.function.Supplier<RuntimeException> failure) {
      return new Refusing(refused, failure);
    }

    /** Released by the test; the first call waits for it, so later texts queue up meanwhile. */
    public final CountDownLatch firstCallMayFinish = new CountDownLatch(1);
    public final CountDownLatch firstCallStarted = new CountDownLatch(1);
    private volatile boolean holdFirst;

    /** Makes the first call wait for {@link #firstCallMayFinish}. */
    public Refusing holdingTheFirstCall() {
      holdFirst = true;
      return this;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      if (calls.incrementAndGet() == 1 && holdFirst) {
        firstCallStarted.countDown();
        try {
          firstCallMayFinish.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (texts.contains(refused)) {
        throw failure.get();
      }
      return delegate.embed(texts);
    }

    @Override
    public int dimensions() {
      return 64;
    }
  }

  /** Embeds lexically, but every call waits until {@link #release()}; tells when one started. */
  public static final class Held implements Embedder {
    private final LexicalEmbedder delegate = LexicalEmbedder.builder().dimensions(64).build();
    private final CountDownLatch released = new CountDownLatch(1);
    public final CountDownLatch started = new CountDownLatch(1);

    @Override
    public List<float[]> embed(List<String> texts) {
      started.countDown();
      try {
        if (!released.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test embedder never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return delegate.embed(texts);
    }

    public void release() {
      released.countDown();
    }

    public boolean awaitStarted() throws InterruptedException {
      return started.await(10, TimeUnit.SECONDS);
    }

    @Override
    public int dimensions() {
      return 64;
    }
  }
}
