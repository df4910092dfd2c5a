package org.irplaybooks.starter.listener.incident;

import io.grpc.StatusRuntimeException;
import org.irplaybooks.starter.listener.http.ApiException;

/** Turns a failure to reach or use Temporal into a 503 the caller can retry on. */
public final class TemporalErrors {
  private TemporalErrors() {}

  public static ApiException unavailable(RuntimeException e) {
    Throwable t = e;
    while (t != null && !(t instanceof StatusRuntimeException)) t = t.getCause();
    String code = t == null ? "error" : ((StatusRuntimeException) t).getStatus().getCode().name();
    return new ApiException(503, "Temporal did not accept the request (" + code + "); retry later");
  }
}
