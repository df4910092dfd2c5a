package org.irplaybooks.starter.listener.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.UUID;
import org.irplaybooks.starter.listener.api.ErrorResponse;
import org.irplaybooks.starter.listener.parsing.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's exception mappers. They replace Dropwizard's defaults so that every error has the
 * same JSON shape {@code {"code","error"}} and nothing internal reaches the client. Client errors
 * are logged at WARN with the reason only: the body may hold secrets and is never logged.
 */
public final class ExceptionMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

  private ExceptionMappers() {}

  public static List<Object> all() {
    return List.of(new ApiExceptionMapper(), new InvalidFieldMapper(), new WebApplicationMapper(), new FallbackMapper());
  }

  static Response json(int status, ErrorResponse body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      LOG.warn("{}: {}", e.status(), e.getMessage());
      return json(e.status(), new ErrorResponse(e.status(), e.getMessage()));
    }
  }

  public static class InvalidFieldMapper implements ExceptionMapper<InvalidFieldException> {
    @Override
    public Response toResponse(InvalidFieldException e) {
      LOG.warn("422: {}", e.getMessage());
      return json(422, new ErrorResponse(422, e.getMessage(), e.path()));
    }
  }

  /** Jersey's own refusals: unknown path, wrong method, unsupported media type. */
  public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status >= 500) {
        return new FallbackMapper().toResponse(e);
      }
      String reason = e.getResponse().getStatusInfo().getReasonPhrase();
      LOG.warn("{}: {}", status, reason);
      return json(status, new ErrorResponse(status, reason));
    }
  }

  /** Anything else is our fault: logged with a reference the client can quote, never shown. */
  public static class FallbackMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      String reference = UUID.randomUUID().toString();
      LOG.error("500 (reference {})", reference, e);
      return json(500, new ErrorResponse(500, "internal error; reference " + reference));
    }
  }
}
