package org.irplaybooks.starter.listener.resources;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.irplaybooks.starter.listener.api.FalsePositiveResult;
import org.irplaybooks.starter.listener.api.IncidentList;
import org.irplaybooks.starter.listener.api.IncidentSummary;
import org.irplaybooks.starter.listener.auth.Analyst;
import org.irplaybooks.starter.listener.http.ApiException;
import org.irplaybooks.starter.listener.http.RequestBodies;
import org.irplaybooks.starter.listener.incident.IncidentQuery;
import org.irplaybooks.starter.listener.incident.TemporalErrors;
import org.irplaybooks.starter.listener.parsing.Field;
import org.irplaybooks.starter.listener.parsing.FieldValidator;
import org.irplaybooks.starter.listener.parsing.InvalidFieldException;
import org.irplaybooks.workflows.incident.ApprovalRequest;
import org.irplaybooks.workflows.incident.DecisionResult;
import org.irplaybooks.workflows.incident.FalsePositiveRequest;
import org.irplaybooks.workflows.incident.IncidentIds;
import org.irplaybooks.workflows.incident.IncidentState;
import org.irplaybooks.workflows.incident.Phase;
import org.irplaybooks.workflows.incident.RejectRequest;
import org.irplaybooks.workflows.playbook.IncidentSearchAttributes;
import org.irplaybooks.workflows.playbook.SelfApproval;
import org.irplaybooks.workflows.report.IncidentReport;
import org.irplaybooks.workflows.report.ReportRenderer;

/**
 * The analyst API: the incident list (Temporal visibility), an incident's state and report, and the
 * decisions on it. Approve and reject are workflow updates, so the caller learns at once whether
 * the incident accepted them; the playbook's validator decides, and repeats the listener's checks.
 * Who decided is always the authenticated analyst, never a name from the body.
 */
@Path("/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentsResource {
  /** Most rows one list answers; the answer says when there were more. */
  public static final int MAX_LIST = 200;
  private static final MediaType MARKDOWN = MediaType.valueOf("text/markdown");
  private static final Duration FINAL_REPORT_WAIT = Duration.ofSeconds(2);

  private final WorkflowClient client;
  private final RequestBodies bodies;

  public IncidentsResource(WorkflowClient client, RequestBodies bodies) {
    this.client = client;
    this.bodies = bodies;
  }

  /** Newest first; filters are validated (422 naming the parameter) before any query is built. */
  @GET
  public IncidentList list(@QueryParam("status") String status, @QueryParam("phase") String phase,
      @QueryParam("severity") String severity, @QueryParam("playbook") String playbook,
      @QueryParam("account") String account, @QueryParam("limit") Integer limit) {
    IncidentQuery filters = IncidentQuery.parse(status, phase, severity, playbook, account);
    int max = limit == null ? MAX_LIST : limit;
    if (max < 1 || max > MAX_LIST) throw new InvalidFieldException("limit", "must be between 1 and " + MAX_LIST);
    String query = filters.toVisibilityQuery();
    List<IncidentSummary> rows = new ArrayList<>();
    try (Stream<WorkflowExecutionMetadata> executions = client.listExecutions(query)) {
      executions.limit(max + 1L).forEach(e -> rows.add(summary(e)));
    } catch (RuntimeException e) {
      if (hasCode(e, Status.Code.UNIMPLEMENTED)) {
        throw new ApiException(501, "this Temporal server cannot list workflows (ListWorkflowExecutions is"
            + " unimplemented, as on the Java test server); open incidents by case id, or use a real Temporal server");
      }
      throw TemporalErrors.unavailable(e);
    }
    rows.sort(Comparator.comparing(IncidentSummary::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    boolean truncated = rows.size() > max;
    return new IncidentList(truncated ? List.copyOf(rows.subList(0, max)) : List.copyOf(rows), query, truncated);
  }

  @GET
  @Path("{caseId}")
  public IncidentState state(@PathParam("caseId") String caseId) {
    return query(caseId, stub(caseId));
  }

  /**
   * The report rendered from the live state, as text, Markdown or JSON by {@code Accept}. A closed
   * incident's report is the playbook's final one (with its next steps and stored locations).
   */
  @GET
  @Path("{caseId}/report")
  @Produces({MediaType.TEXT_PLAIN, "text/markdown", MediaType.APPLICATION_JSON})
  public Response report(@PathParam("caseId") String caseId, @Context jakarta.ws.rs.core.Request request) {
    WorkflowStub stub = stub(caseId);
    IncidentState state = query(caseId, stub);
    IncidentReport report = finalReport(stub, state);
    Variant chosen = request.selectVariant(Variant.mediaTypes(MediaType.TEXT_PLAIN_TYPE, MARKDOWN,
        MediaType.APPLICATION_JSON_TYPE).build());
    MediaType type = chosen == null ? MediaType.TEXT_PLAIN_TYPE : chosen.getMediaType();
    String body;
    if (type.isCompatible(MARKDOWN)) {
      body = ReportRenderer.markdown(report);
    } else if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      body = ReportRenderer.json(report);
    } else {
      body = ReportRenderer.text(report);
    }
    return Response.ok(body, type.withCharset("utf-8")).build();
  }

  /**
   * Body {@code {"comment", "deleteCompromisedKey", "liftSessionRevocation"}}; the approver is the
   * token's analyst.
   */
  @POST
  @Path("{caseId}/approve")
  public DecisionResult approve(@PathParam("caseId") String caseId, @Context HttpHeaders headers,
      @Context ContainerRequestContext context, InputStream body) {
    Analyst analyst = decider(context);
    WorkflowStub stub = stub(caseId);
    Field request = Field.root(bodies.readJson(body, headers.getLength()), "").requireObject();
    String comment = FieldValidator.comment("comment", request.get("comment").optionalText());
    Boolean deleteKey = request.get("deleteCompromisedKey").optionalBoolean();
    Boolean liftRevocation = request.get("liftSessionRevocation").optionalBoolean();
    refuseSubject(caseId, stub, analyst);
    return decide(caseId, stub, "approve", new ApprovalRequest(analyst.name(), comment,
        deleteKey != null && deleteKey, liftRevocation != null && liftRevocation, analyst.awsPrincipals()));
  }

  /** Body {@code {"comment"}}, required: a rejection must say why. */
  @POST
  @Path("{caseId}/reject")
  public DecisionResult reject(@PathParam("caseId") String caseId, @Context HttpHeaders headers,
      @Context ContainerRequestContext context, InputStream body) {
    Analyst analyst = decider(context);
    WorkflowStub stub = stub(caseId);
    String comment = requiredComment(headers, body, "a rejection must say why");
    refuseSubject(caseId, stub, analyst);
    return decide(caseId, stub, "reject", new RejectRequest(analyst.name(), comment, analyst.awsPrincipals()));
  }

  /**
   * Body {@code {"comment"}}, required. A signal: the incident rolls its containment back on its own
   * time, so the answer is 202 and the state shows the rollback.
   */
  @POST
  @Path("{caseId}/false-positive")
  public Response falsePositive(@PathParam("caseId") String caseId, @Context HttpHeaders headers,
      @Context ContainerRequestContext context, InputStream body) {
    Analyst analyst = decider(context);
    WorkflowStub stub = stub(caseId);
    String comment = requiredComment(headers, body, "say why the finding is a false positive");
    IncidentState state = refuseSubject(caseId, stub, analyst);
    if (state.phase() == Phase.CLOSED || state.phase() == Phase.ROLLBACK) {
      throw new ApiException(409, "incident " + caseId + " is " + state.phase() + "; it takes no false-positive mark");
    }
    try {
      stub.signal("markFalsePositive", new FalsePositiveRequest(analyst.name(), comment, analyst.awsPrincipals()));
    } catch (WorkflowNotFoundException e) {
      throw closedOrMissing(caseId, stub, e);
    } catch (WorkflowServiceException e) {
      if (isNotFound(e)) throw closedOrMissing(caseId, stub, e);
      throw TemporalErrors.unavailable(e);
    }
    return Response.accepted(new FalsePositiveResult(caseId, "FALSE_POSITIVE", analyst.name(),
        "marked false positive; containment is being rolled back")).build();
  }

  private String requiredComment(HttpHeaders headers, InputStream body, String why) {
    Field request = Field.root(bodies.readJson(body, headers.getLength()), "").requireObject();
    String comment = FieldValidator.comment("comment", request.get("comment").optionalText());
    if (comment == null || comment.isBlank()) throw new InvalidFieldException("comment", "is required: " + why);
    return comment;
  }

  /** The authenticated analyst, who must hold a role that decides (403 otherwise). */
  private static Analyst decider(ContainerRequestContext context) {
    Analyst analyst = (Analyst) context.getProperty(Analyst.PROPERTY);
    if (analyst == null) throw new ApiException(401, "missing or wrong analyst token");
    if (!analyst.mayDecide()) {
      throw new ApiException(403, analyst.name() + " may view incidents but not decide on them (needs role approver or admin)");
    }
    return analyst;
  }

  /** 403 when the analyst is the incident's subject; the playbook checks it again itself. */
  private IncidentState refuseSubject(String caseId, WorkflowStub stub, Analyst analyst) {
    IncidentState state = query(caseId, stub);
    if (SelfApproval.isSubject(state.finding().subject(), analyst.name(), analyst.awsPrincipals())) {
      throw new ApiException(403, analyst.name() + " is the subject of incident " + caseId + " and cannot decide on it");
    }
    return state;
  }

  private IncidentState query(String caseId, WorkflowStub stub) {
    try {
      return stub.query("state", IncidentState.class);
    } catch (WorkflowNotFoundException e) {
      throw notFound(caseId);
    } catch (WorkflowQueryException | WorkflowServiceException e) {
      if (isNotFound(e)) throw notFound(caseId);
      throw TemporalErrors.unavailable(e);
    }
  }

  private static IncidentReport finalReport(WorkflowStub stub, IncidentState state) {
    if (state.phase() == Phase.CLOSED) {
      try {
        return stub.getResult(FINAL_REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS, IncidentReport.class);
      } catch (TimeoutException | WorkflowException e) {
        // Closed in its state but the result is not there (yet): the live state still renders.
      }
    }
    Double seconds = state.containedAt() == null ? null
        : Duration.between(state.receivedAt(), state.containedAt()).toMillis() / 1000.0;
    return new IncidentReport(state, seconds, List.of(), List.of());
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
      return new ApiException(409, "incident " + caseId + " is closed (" + statusName(status) + "); it takes no more decisions");
    }
    return TemporalErrors.unavailable(cause);
  }

  private static IncidentSummary summary(WorkflowExecutionMetadata e) {
    SearchAttributes a = e.getTypedSearchAttributes();
    Object title = e.getMemo("title", String.class);
    return new IncidentSummary(a.get(IncidentSearchAttributes.CASE_ID), e.getExecution().getWorkflowId(),
        statusName(e.getStatus()).toUpperCase(Locale.ROOT), a.get(IncidentSearchAttributes.PHASE),
        a.get(IncidentSearchAttributes.SEVERITY), a.get(IncidentSearchAttributes.FINDING_TYPE),
        a.get(IncidentSearchAttributes.PRINCIPAL), a.get(IncidentSearchAttributes.ACCOUNT),
        a.get(IncidentSearchAttributes.PLAYBOOK), title == null ? null : title.toString(),
        e.getStartTime(), e.getCloseTime());
  }

  private static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
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

  private static boolean hasCode(Throwable e, Status.Code code) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == code) return true;
    }
    return false;
  }
}
