package org.irplaybooks.starter.listener.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.irplaybooks.starter.listener.api.AnalystView;
import org.irplaybooks.starter.listener.auth.Analyst;
import org.irplaybooks.starter.listener.http.ApiException;

/** {@code GET /v1/me}: the console checks a token with it and learns where the Temporal Web UI is. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
  private final String temporalWebUiUrl;
  private final String namespace;

  public MeResource(String temporalWebUiUrl, String namespace) {
    this.temporalWebUiUrl = temporalWebUiUrl;
    this.namespace = namespace;
  }

  @GET
  public AnalystView me(@Context ContainerRequestContext context) {
    Analyst analyst = (Analyst) context.getProperty(Analyst.PROPERTY);
    if (analyst == null) throw new ApiException(401, "missing or wrong analyst token");
    return new AnalystView(analyst.name(),
        analyst.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList(),
        temporalWebUiUrl, namespace);
  }
}
