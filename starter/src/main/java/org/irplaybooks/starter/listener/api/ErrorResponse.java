package org.irplaybooks.starter.listener.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error the listener answers: the HTTP status again, a message for a person, and for a field
 * that broke a rule the field's JSON path. Never a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(int code, String error, String field) {

  public ErrorResponse(int code, String error) {
    this(code, error, null);
  }
}
