package dev.motorhead;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids: version 4 UUIDs from each thread's own fast generator instead of
 * {@link UUID#randomUUID()}, whose one shared {@link SecureRandom} every caller waits for.
 * Internal: not part of the public API.
 *
 * <p>Ids need to be unique, not unguessable: nothing in the library trusts an id to be secret.
 * The 122 random bits of each id are the thread's {@link ThreadLocalRandom} output mixed with a
 * salt drawn once per JVM from {@link SecureRandom}, so two JVMs' ids differ even if their
 * generators were seeded alike.
 */
final class Ids {
  private static final long[] SALT = salt();

  private Ids() {}

  /** A fresh random version 4 UUID, as text ({@code 8-4-4-4-12} lowercase hex digits). */
  public static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() ^ SALT[0]) & ~0xF000L | 0x4000L; // version 4
    long lsb = (random.nextLong() ^ SALT[1]) & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  private static long[] salt() {
    SecureRandom secure = new SecureRandom();
    return new long[] {secure.nextLong(), secure.nextLong()};
  }
}
