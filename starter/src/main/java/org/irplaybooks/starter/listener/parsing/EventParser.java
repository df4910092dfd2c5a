package org.irplaybooks.starter.listener.parsing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.irplaybooks.workflows.incident.Finding;

/**
 * Reads a request body (one EventBridge event or an array of them) into findings. The whole body is
 * validated before anything is returned, so a bad event anywhere in a batch starts nothing.
 */
public class EventParser {
  /** A batch larger than this is refused: EventBridge delivers one event per call. */
  public static final int MAX_EVENTS = 100;

  private final Map<String, EventNormalizer> normalizers = new LinkedHashMap<>();

  public EventParser(List<EventNormalizer> normalizers) {
    for (EventNormalizer n : normalizers) this.normalizers.put(n.detailType(), n);
  }

  /** The five detail-types the product reads. */
  public static EventParser standard() {
    return new EventParser(List.of(
        new GuardDutyNormalizer(),
        new SecurityHubNormalizer(),
        new CloudTrailApiCallNormalizer(),
        new ConsoleSignInNormalizer(),
        new HealthEventNormalizer()));
  }

  public List<Finding> parse(JsonNode body) {
    List<Finding> findings = new ArrayList<>();
    if (body.isArray()) {
      if (body.isEmpty()) throw new InvalidFieldException("body", "an empty array names no event");
      if (body.size() > MAX_EVENTS) throw new InvalidFieldException("body", "more than " + MAX_EVENTS + " events");
      for (int i = 0; i < body.size(); i++) {
        findings.addAll(parseEvent(Field.root(body.get(i), "[" + i + "]")));
      }
    } else {
      findings.addAll(parseEvent(Field.root(body, "")));
    }
    return findings;
  }

  private List<Finding> parseEvent(Field event) {
    if (!event.node().isObject()) {
      throw new InvalidFieldException(event.path(), "an event must be a JSON object");
    }
    Field detailTypeField = event.get("detail-type");
    String detailType = detailTypeField.requiredText();
    EventNormalizer normalizer = normalizers.get(detailType);
    if (normalizer == null) {
      throw new UnsupportedEventException(detailTypeField.path(), "unsupported detail-type '"
          + FieldValidator.displayText(detailType) + "'; supported: " + String.join(", ", normalizers.keySet()));
    }
    Field id = event.get("id");
    String account = FieldValidator.accountId(event.get("account").path(), event.get("account").optionalText());
    String region = FieldValidator.region(event.get("region").path(), event.get("region").optionalText());
    Instant time = event.get("time").optionalInstant();
    EventEnvelope envelope = new EventEnvelope(detailType, event.get("detail").requireObject(),
        FieldValidator.findingId(id.path(), id.optionalText()), account, region, time);
    return normalizer.normalize(envelope);
  }
}
