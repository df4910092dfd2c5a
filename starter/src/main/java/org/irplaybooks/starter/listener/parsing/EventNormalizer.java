package org.irplaybooks.starter.listener.parsing;

import java.util.List;
import org.irplaybooks.workflows.incident.Finding;

/** Turns the detail of one EventBridge detail-type into validated findings. */
public interface EventNormalizer {

  /** The EventBridge {@code detail-type} this normalizer reads. */
  String detailType();

  /**
   * Zero or more findings, every field validated.
   *
   * @throws InvalidFieldException naming the first field that breaks a rule
   */
  List<Finding> normalize(EventEnvelope event);
}
