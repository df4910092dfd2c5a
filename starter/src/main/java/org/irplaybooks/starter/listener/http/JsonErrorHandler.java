package org.irplaybooks.starter.listener.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.irplaybooks.starter.listener.api.ErrorResponse;

/**
 * Jetty's own refusals (an ambiguous or malformed URI, a request Jersey never sees) answered in the
 * listener's JSON error shape instead of an HTML page, and never with a stack trace.
 */
public class JsonErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper = new ObjectMapper();

  public JsonErrorHandler() {
    setShowStacks(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String reason = HttpStatus.getMessage(code);
    String error = message == null || message.isBlank() ? reason : reason + ": " + message;
    byte[] body = mapper.writeValueAsBytes(new ErrorResponse(code, error));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
