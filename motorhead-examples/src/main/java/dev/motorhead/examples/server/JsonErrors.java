package dev.motorhead.examples.server;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches the server's handler (a malformed
 * request line, headers too large, a failure inside Jetty), answered like the server's own:
 * {@code {"error": "..."}} as JSON, never an HTML page or a stack trace.
 */
final class JsonErrors extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) {
    byte[] body = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int code, String message) {
    String reason = HttpStatus.getMessage(code);
    // a 5xx says nothing of its cause: the message may carry an exception's text
    String text = code >= 500 || message == null || message.isBlank() || message.equals(reason)
        ? reason
        : reason + ": " + message;
    return Json.write(Map.of("error", text));
  }
}
