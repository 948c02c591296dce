package dev.motorhead.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;

/**
 * A minimal RESP2 client over one socket, so fixtures and tests can set Redis up and inspect it
 * (PING, CONFIG, CLUSTER, INFO, raw writes) without depending on either driver under test.
 * Not thread-safe.
 *
 * <pre>{@code
 * try (RespClient redis = RespClient.connect(port)) {
 *   redis.call("CONFIG", "RESETSTAT");
 * }
 * }</pre>
 */
public final class RespClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  public static RespClient connect(int port) {
    return connect(SocketFactory.getDefault(), port);
  }

  public static RespClient connect(SocketFactory sockets, int port) {
    try {
      Socket socket = sockets.createSocket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(10_000);
      return new RespClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
    }
  }

  /**
   * Sends one command and reads its reply: a {@code String} for simple and bulk strings,
   * {@code Long}, {@code List<Object>}, or {@code null}.
   *
   * @throws Error if Redis answers with an error
   */
  public Object call(String... args) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (String arg : args) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        b.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        b.write(bytes);
        b.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(b.toByteArray());
      out.flush();
      return reply();
    } catch (IOException e) {
      throw new UncheckedIOException("Redis call " + args[0] + " failed", e);
    }
  }

  /** {@link #call} for a command answering a string. */
  public String text(String... args) {
    return (String) call(args);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object reply() throws IOException {
    int type = in.read();
    String line = line();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new Error(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(reply());
        }
        return items;
      }
      case -1:
        throw new EOFException("Redis closed the connection");
      default:
        throw new IOException("unexpected RESP type " + (char) type);
    }
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c == -1) {
        throw new EOFException("Redis closed the connection");
      }
      s.append((char) c);
    }
    in.read(); // '\n'
    return s.toString();
  }

  /** An error reply from Redis. */
  public static final class Error extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Error(String message) {
      super(message);
    }
  }
}
