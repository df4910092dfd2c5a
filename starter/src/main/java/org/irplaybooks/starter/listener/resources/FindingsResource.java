package org.irplaybooks.starter.listener.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.irplaybooks.starter.listener.api.FindingResult;
import org.irplaybooks.starter.listener.api.FindingsResponse;
import org.irplaybooks.starter.listener.http.RequestBodies;
import org.irplaybooks.starter.listener.incident.IncidentStarter;
import org.irplaybooks.starter.listener.incident.TemporalErrors;
import org.irplaybooks.starter.listener.parsing.EventParser;
import org.irplaybooks.workflows.catalog.CatalogMatch;
import org.irplaybooks.workflows.catalog.PlaybookCatalog;
import org.irplaybooks.workflows.incident.Finding;

/**
 * {@code POST /v1/findings}: one EventBridge event or an array of them (an API destination, an SQS
 * relay, or a person with curl). The whole body is read and validated before any incident starts.
 */
@Path("/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {
  private final EventParser parser;
  private final IncidentStarter starter;
  private final RequestBodies bodies;

  public FindingsResource(EventParser parser, IncidentStarter starter, RequestBodies bodies) {
    this.parser = parser;
    this.starter = starter;
    this.bodies = bodies;
  }

  @POST
  public Response receive(@Context HttpHeaders headers, InputStream body) {
    JsonNode json = bodies.readJson(body, headers.getLength());
    List<Finding> findings = parser.parse(json);
    List<FindingResult> results = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      CatalogMatch match = PlaybookCatalog.match(finding, starter.policy());
      if (match.playbook() == null) {
        results.add(new FindingResult(null, null, null, finding.findingId(), finding.findingType(),
            FindingResult.IGNORED, match.ignoredReason()));
        continue;
      }
      try {
        results.add(starter.start(finding, match.playbook()));
      } catch (WorkflowServiceException | StatusRuntimeException e) {
        // Starts are idempotent by workflow id: a retry of the whole body reports the ones that
        // already started as duplicates.
        throw TemporalErrors.unavailable(e);
      }
    }
    return Response.accepted(new FindingsResponse(results)).build();
  }
}
