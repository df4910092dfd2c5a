package org.irplaybooks.starter.listener.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.irplaybooks.starter.listener.api.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates analysts on the incident API ({@code /v1/incidents…}, {@code /v1/me}) by
 * {@code Authorization: Bearer <token>}. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured token whatever matched, so the time taken
 * says nothing about which token or how much of it was right. Roles are checked by the resources.
 */
@Priority(Priorities.AUTHENTICATION)
public class AnalystTokenFilter implements ContainerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AnalystTokenFilter.class);
  private static final String BEARER = "Bearer ";

  private record Entry(byte[] digest, Analyst analyst) {}

  private final List<Entry> entries = new ArrayList<>();

  public AnalystTokenFilter(List<AnalystConfig> analysts) {
    for (AnalystConfig a : analysts) {
      if (a.enabled()) entries.add(new Entry(sha256(a.getToken()), a.toAnalyst()));
    }
  }

  /** True for the paths this filter guards; the findings API keeps its own API key. */
  public static boolean guards(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.equals("v1/incidents") || p.startsWith("v1/incidents/") || p.equals("v1/me");
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!guards(request.getUriInfo().getPath())) return;
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Analyst found = null;
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      byte[] presented = sha256(header.substring(BEARER.length()).trim());
      for (Entry e : entries) {
        if (MessageDigest.isEqual(e.digest(), presented) && found == null) found = e.analyst();
      }
    }
    if (found == null) {
      LOG.warn("401 {} /{}: {} analyst token", request.getMethod(), request.getUriInfo().getPath(),
          header == null ? "missing" : "wrong");
      request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ir-playbooks\"")
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorResponse(401, "missing or wrong analyst token (Authorization: Bearer <token>)"))
          .build());
      return;
    }
    request.setProperty(Analyst.PROPERTY, found);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
