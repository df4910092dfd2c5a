package org.irplaybooks.workflows.playbook;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The custom search attributes every incident sets, so analysts can find incidents in the
 * Temporal Web UI ({@code IrSeverity = "CRITICAL" AND IrPhase = "AWAITING_RECOVERY_APPROVAL"}).
 * {@code irctl dev} registers them; a production namespace needs them registered once (docs).
 */
public final class IncidentSearchAttributes {
  public static final SearchAttributeKey<String> CASE_ID = SearchAttributeKey.forKeyword("IrCaseId");
  public static final SearchAttributeKey<String> SEVERITY = SearchAttributeKey.forKeyword("IrSeverity");
  public static final SearchAttributeKey<String> FINDING_TYPE = SearchAttributeKey.forKeyword("IrFindingType");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("IrPhase");
  public static final SearchAttributeKey<String> PRINCIPAL = SearchAttributeKey.forKeyword("IrPrincipal");
  public static final SearchAttributeKey<String> ACCOUNT = SearchAttributeKey.forKeyword("IrAccount");
  public static final SearchAttributeKey<String> PLAYBOOK = SearchAttributeKey.forKeyword("IrPlaybook");

  private IncidentSearchAttributes() {}

  /** Every attribute with its type, for registration. */
  public static Map<String, IndexedValueType> definitions() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key : new SearchAttributeKey<?>[] {
        CASE_ID, SEVERITY, FINDING_TYPE, PHASE, PRINCIPAL, ACCOUNT, PLAYBOOK}) {
      all.put(key.getName(), key.getValueType());
    }
    return all;
  }
}
