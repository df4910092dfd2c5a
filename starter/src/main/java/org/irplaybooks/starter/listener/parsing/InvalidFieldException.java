package org.irplaybooks.starter.listener.parsing;

/** A field of the request failed a rule; answered as 422 naming the field's JSON path. */
public class InvalidFieldException extends RuntimeException {
  private final String path;
  private final String reason;

  public InvalidFieldException(String path, String reason) {
    super((path == null || path.isEmpty() ? "body" : path) + ": " + reason);
    this.path = path == null || path.isEmpty() ? "body" : path;
    this.reason = reason;
  }

  /** The JSON path of the field, e.g. {@code detail.resource.accessKeyDetails.userName} or {@code [1].detail.id}. */
  public String path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
