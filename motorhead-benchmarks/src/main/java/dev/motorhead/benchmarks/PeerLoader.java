package dev.motorhead.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the LangChain4j peer with the Jedis it was built for. The community
 * {@code RedisChatMemoryStore} (1.13.0-beta23) calls {@code new UnifiedJedis(HostAndPort)},
 * which Jedis 8 (the project's Jedis) removed; so the peer's classes, the community store and
 * Jedis 7 are loaded child-first from {@code target/peer-lib} (copied there by the build), and
 * everything else (LangChain4j, commons-pool, the JDK) comes from the benchmark's class path.
 */
final class PeerLoader {
  private static final String[] CHILD_FIRST = {
    "redis.clients.jedis.", "dev.langchain4j.community.", "dev.motorhead.benchmarks.peer."
  };

  private PeerLoader() {}

  /** The LangChain4j peer as a {@link ChatSystem}. */
  static ChatSystem langChain4j(String host, int port, String prefix, int window, long ttlSeconds) {
    try {
      ClassLoader loader = loader();
      Class<?> type = loader.loadClass("dev.motorhead.benchmarks.peer.LangChain4jWindow");
      Object peer =
          type.getConstructor(String.class, int.class, String.class, int.class, long.class)
              .newInstance(host, port, prefix, window, ttlSeconds);
      Method turn = type.getMethod("turn", int.class, String.class, String.class);
      Method keys = type.getMethod("keys", int.class);
      return new ChatSystem() {
        @Override
        public boolean turn(int session, Conversation.Turn t) throws Exception {
          return (Boolean) turn.invoke(peer, session, t.user(), t.assistant());
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> keys(int session) {
          try {
            return (List<String>) keys.invoke(peer, session);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public void fillForMemoryReport(int session, Conversation conversation) throws Exception {
          for (int i = 0; i < window / 2; i++) {
            turn(session, conversation.next());
          }
        }

        @Override
        public void close() {}
      };
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start the LangChain4j peer", e);
    }
  }

  /**
   * A class loader that takes the peer's classes, the community store and Jedis 7 from
   * {@code peer-lib} first (one per call).
   */
  static ClassLoader loader() {
    Path self;
    try {
      self = Path.of(PeerLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path lib = Path.of(System.getProperty("peer.lib", self.getParent().resolve("peer-lib").toString()));
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
      urls.add(self.toUri().toURL()); // the peer's own classes
    } catch (IOException e) {
      throw new UncheckedIOException("no peer libraries in " + lib
          + " (build with: ./mvnw -pl motorhead-benchmarks -am package -DskipTests)", e);
    }
    return new ChildFirst(urls.toArray(URL[]::new), PeerLoader.class.getClassLoader());
  }

  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super("langchain4j-peer", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      for (String prefix : CHILD_FIRST) {
        if (name.startsWith(prefix)) {
          synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
              c = findClass(name);
            }
            if (resolve) {
              resolveClass(c);
            }
            return c;
          }
        }
      }
      return super.loadClass(name, resolve);
    }
  }
}
