package dev.motorhead.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The baseline: the window memory a user would write by hand on the raw driver, doing the
 * ideal work and nothing more. A turn is one {@code EVALSHA} of a script that pushes both
 * messages, trims the list to the window and sets the TTL, then one {@code LRANGE} of the
 * window; messages are {@code {"role":..,"content":..}} JSON written and read with Jackson's
 * streaming API. No ids, no token counts, no summary, no session index, no exactly-once: what
 * falls out of the window is gone.
 */
abstract class RawIdeal implements ChatSystem {
  static final String PUSH_TRIM_EXPIRE =
      "redis.call('RPUSH', KEYS[1], ARGV[1], ARGV[2])\n"
          + "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)\n"
          + "redis.call('PEXPIRE', KEYS[1], ARGV[4])\n"
          + "return 1";
  private static final JsonFactory JSON = new JsonFactory();

  final int window;
  final String ttlMillis;
  final String prefix;

  RawIdeal(String prefix, int window, long ttlMillis) {
    this.prefix = prefix;
    this.window = window;
    this.ttlMillis = Long.toString(ttlMillis);
  }

  static RawIdeal lettuce(String url, String prefix, int window, long ttlMillis) {
    return new OnLettuce(url, prefix, window, ttlMillis);
  }

  static RawIdeal jedis(UnifiedJedis jedis, String prefix, int window, long ttlMillis) {
    return new OnJedis(jedis, prefix, window, ttlMillis);
  }

  String key(int session) {
    return prefix + ":" + session;
  }

  @Override
  public List<String> keys(int session) {
    return List.of(key(session));
  }

  @Override
  public void fillForMemoryReport(int session, Conversation conversation) throws Exception {
    for (int i = 0; i < window / 2; i++) {
      turn(session, conversation.next());
    }
  }

  /** Whether the window read back holds both of the turn's messages. */
  static boolean holdsBoth(List<String> window, Conversation.Turn turn) {
    boolean user = false;
    boolean assistant = false;
    for (String element : window) {
      Msg m = decode(element);
      user |= m.content().equals(turn.user());
      assistant |= m.content().equals(turn.assistant());
    }
    return user && assistant;
  }

  record Msg(String role, String content) {}

  static String encode(String role, String content) {
    StringWriter out = new StringWriter(content.length() + 32);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("role", role);
      g.writeStringField("content", content);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Msg decode(String json) {
    String role = null;
    String content = null;
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("role")) {
          role = p.getText();
        } else if (field.equals("content")) {
          content = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Msg(role, content);
  }

  /** Lettuce: one shared connection, the synchronous API, as Lettuce's documentation has it. */
  private static final class OnLettuce extends RawIdeal {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String sha;

    OnLettuce(String url, String prefix, int window, long ttlMillis) {
      super(prefix, window, ttlMillis);
      this.client = RedisClient.create(url);
      this.connection = client.connect();
      this.redis = connection.sync();
      this.sha = redis.scriptLoad(PUSH_TRIM_EXPIRE);
    }

    @Override
    public boolean turn(int session, Conversation.Turn turn) {
      String key = key(session);
      redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {key},
          encode("user", turn.user()), encode("assistant", turn.assistant()),
          Integer.toString(window), ttlMillis);
      return holdsBoth(redis.lrange(key, 0, -1), turn);
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }

  /** Jedis: a pooled client, one connection per call. */
  private static final class OnJedis extends RawIdeal {
    private final UnifiedJedis jedis;
    private final String sha;

    OnJedis(UnifiedJedis jedis, String prefix, int window, long ttlMillis) {
      super(prefix, window, ttlMillis);
      this.jedis = jedis;
      this.sha = jedis.scriptLoad(PUSH_TRIM_EXPIRE, key(0));
    }

    @Override
    public boolean turn(int session, Conversation.Turn turn) {
      String key = key(session);
      List<String> args = new ArrayList<>(4);
      args.add(encode("user", turn.user()));
      args.add(encode("assistant", turn.assistant()));
      args.add(Integer.toString(window));
      args.add(ttlMillis);
      jedis.evalsha(sha, List.of(key), args);
      return holdsBoth(jedis.lrange(key, 0, -1), turn);
    }

    @Override
    public void close() {
      jedis.close();
    }
  }
}
