package org.irplaybooks.starter.listener.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies within a byte limit and parses them strictly. The limit is checked against
 * Content-Length first and enforced on the stream as well, since a chunked body announces no length.
 */
public class RequestBodies {
  private final long maxBytes;
  private final ObjectMapper mapper;

  public RequestBodies(long maxBytes) {
    this.maxBytes = maxBytes;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxNumberLength(64)
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
            .build())
        .build();
    this.mapper = JsonMapper.builder(factory)
        // Two values for one key would let a validated value differ from the one used.
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /**
   * @param contentLength the declared length, or -1 when the request declares none
   * @throws ApiException 413 when the body is too large, 400 when it is empty or not JSON
   */
  public JsonNode readJson(InputStream body, long contentLength) {
    if (contentLength > maxBytes) throw tooLarge();
    byte[] bytes = readCapped(body);
    if (bytes.length == 0) throw new ApiException(400, "empty request body; expected JSON");
    try {
      return mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage();
      if (reason != null && reason.length() > 300) reason = reason.substring(0, 300) + "…";
      throw new ApiException(400, "malformed JSON at line " + lineOf(e) + ": " + reason);
    } catch (IOException e) {
      throw new ApiException(400, "unreadable request body");
    }
  }

  private byte[] readCapped(InputStream body) {
    if (body == null) return new byte[0];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = body.read(buffer)) != -1) {
        if (out.size() + (long) n > maxBytes) throw tooLarge();
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ApiException(400, "request body could not be read completely");
    }
    return out.toByteArray();
  }

  private ApiException tooLarge() {
    return new ApiException(413, "request body larger than " + maxBytes + " bytes");
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }
}
