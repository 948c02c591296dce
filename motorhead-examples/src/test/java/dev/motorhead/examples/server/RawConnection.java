package dev.motorhead.examples.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One TCP connection to the server speaking HTTP/1.1 by hand, so a test controls every byte: it
 * can send half a request and stop, trickle bytes, or send many requests on one connection and
 * read each answer exactly as it arrived.
 */
final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawConnection open(int port) {
    try {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      return new RawConnection(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A whole request with a body (or none when {@code body} is null). */
  static String request(String method, String path, String body) {
    StringBuilder sb = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1\r\n");
    if (body != null) {
      sb.append("Content-Type: application/json\r\n")
          .append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n\r\n").append(body);
    } else {
      sb.append("\r\n");
    }
    return sb.toString();
  }

  void send(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one response: status line, headers, and a body of exactly its Content-Length. */
  Response read() {
    try {
      String head = readHead();
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      if (body.length != length) {
        throw new IOException("the body ended after " + body.length + " of " + length + " bytes");
      }
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the server closed the connection: reading gives end of stream or a reset, after any
   * bytes the server still sent (read and dropped), within the wait.
   */
  boolean closedByServerWithin(Duration wait) {
    try {
      socket.setSoTimeout((int) wait.toMillis());
      while (in.read() >= 0) {
        // drain what the server sent before closing, such as a 408
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed after " + head.size() + " bytes of headers");
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && matched % 2 == 1)
          ? matched + 1
          : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1).strip();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One response as read off the wire. */
  record Response(int status, Map<String, String> headers, String body) {}
}
