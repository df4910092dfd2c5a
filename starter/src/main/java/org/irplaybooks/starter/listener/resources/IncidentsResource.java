package org.irplaybooks.starter.listener.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.irplaybooks.starter.listener.http.ApiException;
import org.irplaybooks.starter.listener.http.RequestBodies;
import org.irplaybooks.starter.listener.incident.TemporalErrors;
import org.irplaybooks.starter.listener.parsing.Field;
import org.irplaybooks.starter.listener.parsing.FieldValidator;
import org.irplaybooks.starter.listener.parsing.InvalidFieldException;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.DecisionResult;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.RejectRequest;

/**
 * An incident's state, and the analyst's decisions on it. Decisions are workflow updates, so the
 * caller learns at once whether the incident accepted them; the playbook's validator decides.
 */
@Path("/v1/incidents/{caseId}")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentsResource {
  private final WorkflowClient client;
  private final RequestBodies bodies;

  public IncidentsResource(WorkflowClient client, RequestBodies bodies) {
    this.client = client;
    this.bodies = bodies;
  }

  @GET
  public IncidentState state(@PathParam("caseId") String caseId) {
    WorkflowStub stub = stub(caseId);
    try {
      return stub.query("state", IncidentState.class);
    } catch (WorkflowNotFoundException e) {
      throw notFound(caseId);
    } catch (WorkflowQueryException | WorkflowServiceException e) {
      if (isNotFound(e)) throw notFound(caseId);
      throw TemporalErrors.unavailable(e);
    }
  }

  /**
   * Body {@code {"approver", "comment", "deleteCompromisedKey", "liftSessionRevocation"}}; approver
   * required.
   */
  @POST
  @Path("approve")
  public DecisionResult approve(@PathParam("caseId") String caseId, @Context HttpHeaders headers, InputStream body) {
    WorkflowStub stub = stub(caseId);
    Field request = Field.root(bodies.readJson(body, headers.getLength()), "").requireObject();
    String approver = FieldValidator.approver("approver", request.get("approver").optionalText());
    String comment = FieldValidator.comment("comment", request.get("comment").optionalText());
    Boolean deleteKey = request.get("deleteCompromisedKey").optionalBoolean();
    Boolean liftRevocation = request.get("liftSessionRevocation").optionalBoolean();
    return decide(caseId, stub, "approve", new ApprovalRequest(approver, comment, deleteKey != null && deleteKey,
        liftRevocation != null && liftRevocation));
  }

  /** Body {@code {"approver", "comment"}}; both required: a rejection must say why. */
  @POST
  @Path("reject")
  public DecisionResult reject(@PathParam("caseId") String caseId, @Context HttpHeaders headers, InputStream body) {
    WorkflowStub stub = stub(caseId);
    Field request = Field.root(bodies.readJson(body, headers.getLength()), "").requireObject();
    String approver = FieldValidator.approver("approver", request.get("approver").optionalText());
    String comment = FieldValidator.comment("comment", request.get("comment").optionalText());
    if (comment == null || comment.isBlank()) {
      throw new InvalidFieldException("comment", "is required: a rejection must say why");
    }
    return decide(caseId, stub, "reject", new RejectRequest(approver, comment));
  }

  private DecisionResult decide(String caseId, WorkflowStub stub, String update, Object argument) {
    try {
      return stub.update(update, DecisionResult.class, argument);
    } catch (WorkflowUpdateException e) {
      // The validator (or the handler) refused: its message is meant for the analyst. Any other
      // cause (a timeout, a cancellation) is not a refusal and is not shown as one.
      if (e.getCause() instanceof ApplicationFailure refusal) {
        throw new ApiException(409, refusal.getOriginalMessage());
      }
      throw closedOrMissing(caseId, stub, e);
    } catch (WorkflowNotFoundException e) {
      throw closedOrMissing(caseId, stub, e);
    } catch (WorkflowServiceException e) {
      if (isNotFound(e)) throw closedOrMissing(caseId, stub, e);
      throw TemporalErrors.unavailable(e);
    }
  }

  /** An update to a closed workflow fails as "not found"; describe tells closed from unknown. */
  private ApiException closedOrMissing(String caseId, WorkflowStub stub, WorkflowException cause) {
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getStatus();
    } catch (WorkflowNotFoundException e) {
      return notFound(caseId);
    } catch (WorkflowServiceException e) {
      return isNotFound(e) ? notFound(caseId) : TemporalErrors.unavailable(e);
    }
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      String state = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(java.util.Locale.ROOT);
      return new ApiException(409, "incident " + caseId + " is closed (" + state + "); it takes no more decisions");
    }
    return TemporalErrors.unavailable(cause);
  }

  private WorkflowStub stub(String caseId) {
    if (!IncidentIds.isCaseId(caseId)) {
      throw new ApiException(404, "not a case id: expected IR- and 12 hexadecimal digits");
    }
    return client.newUntypedWorkflowStub(IncidentIds.workflowId(caseId));
  }

  private static ApiException notFound(String caseId) {
    return new ApiException(404, "no incident " + caseId);
  }

  private static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) return true;
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) return true;
    }
    return false;
  }
}
