package org.irplaybooks.starter.listener.http;

/** A refusal with an HTTP status and a message safe to show the caller. */
public class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
