package org.irplaybooks.starter.listener.parsing;

import static org.irplaybooks.starter.listener.parsing.Normalizers.firstNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.irplaybooks.workflows.incident.Finding;
import org.irplaybooks.workflows.incident.FindingSource;
import org.irplaybooks.workflows.incident.Severity;
import org.irplaybooks.workflows.incident.Subject;

/**
 * {@code AWS Health Event}. {@code AWS_RISK_CREDENTIALS_EXPOSED} (AWS found an access key in public)
 * is CRITICAL with the exposed key as subject: one finding per key, identified by the event's ARN,
 * or by the ARN and the key when the event names several keys. Other Health events become one LOW
 * finding typed by their event type code, which no playbook handles, so the caller sees them
 * ignored rather than refused.
 */
public class HealthEventNormalizer implements EventNormalizer {
  public static final String DETAIL_TYPE = "AWS Health Event";
  public static final String CREDENTIALS_EXPOSED = "AWS_RISK_CREDENTIALS_EXPOSED";

  @Override
  public String detailType() {
    return DETAIL_TYPE;
  }

  @Override
  public List<Finding> normalize(EventEnvelope event) {
    Field d = event.detail();
    String code = FieldValidator.findingType(d.get("eventTypeCode").path(), d.get("eventTypeCode").requiredText());
    Field arnField = d.get("eventArn");
    String eventArn = FieldValidator.arn(arnField.path(), arnField.optionalText());
    String eventId = Normalizers.required(firstNonNull(eventArn, event.id()), arnField.path(), "or the event's id");
    FieldValidator.findingId(arnField.path(), eventId);
    String account = Normalizers.required(FieldValidator.accountId(d.get("affectedAccount").path(),
        firstNonNull(d.get("affectedAccount").optionalText(), event.account())), "account", "the affected account");
    String region = Normalizers.required(event.region(), "region", "the event's region");
    Instant start = firstNonNull(d.get("startTime").optionalInstant(), event.time());
    Instant last = firstNonNull(d.get("lastUpdatedTime").optionalInstant(), start);

    if (!CREDENTIALS_EXPOSED.equals(code)) {
      return List.of(new Finding(FindingSource.AWS_HEALTH, eventId, code, Severity.LOW, account, region,
          "AWS Health event " + code, start, last, 1, new Subject(null, null, null, null, null, null), null, List.of()));
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Field entity : d.get("affectedEntities").requiredArray()) {
      Field value = entity.get("entityValue");
      keys.add(FieldValidator.accessKeyId(value.path(), value.requiredText()));
    }
    if (keys.isEmpty()) throw new InvalidFieldException(d.get("affectedEntities").path(), "names no exposed access key");
    List<Finding> findings = new ArrayList<>();
    for (String key : keys) {
      String findingId = keys.size() == 1 ? eventId : eventId + "/" + key;
      FieldValidator.findingId(arnField.path(), findingId);
      findings.add(new Finding(FindingSource.AWS_HEALTH, findingId, CREDENTIALS_EXPOSED, Severity.CRITICAL, account,
          region, "AWS found access key " + key + " exposed in public", start, last, 1,
          new Subject("IAMUser", null, null, key, "AccessKey", null), null, List.of()));
    }
    return findings;
  }
}
