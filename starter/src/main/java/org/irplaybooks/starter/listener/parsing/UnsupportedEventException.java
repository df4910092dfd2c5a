package org.irplaybooks.starter.listener.parsing;

/** A well-formed event of a detail-type the listener does not read; answered as 422. */
public class UnsupportedEventException extends InvalidFieldException {
  public UnsupportedEventException(String path, String reason) {
    super(path, reason);
  }
}
