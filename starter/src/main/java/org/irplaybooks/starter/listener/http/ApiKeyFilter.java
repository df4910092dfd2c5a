package org.irplaybooks.starter.listener.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.irplaybooks.starter.listener.api.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses every request to the ingestion API ({@code /v1/findings}) without the configured key in
 * the configured header; analysts use their own tokens (see {@code AnalystTokenFilter}). Both sides are
 * hashed before {@link MessageDigest#isEqual} so the comparison takes the same time whatever the
 * presented key's length and content.
 */
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);

  private final String header;
  private final byte[] expectedDigest;

  public ApiKeyFilter(String header, String apiKey) {
    this.header = header;
    this.expectedDigest = sha256(apiKey);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!(path.equals("v1/findings") || path.startsWith("v1/findings/"))) return;
    String presented = request.getHeaderString(header);
    if (presented == null || !MessageDigest.isEqual(expectedDigest, sha256(presented))) {
      // Neither the presented value nor the expected one is logged.
      LOG.warn("401 {} /{}: {} API key", request.getMethod(), request.getUriInfo().getPath(),
          presented == null ? "missing" : "wrong");
      request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorResponse(401, "missing or wrong API key in header " + header))
          .build());
    }
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
