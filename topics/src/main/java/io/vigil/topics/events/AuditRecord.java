package io.vigil.topics.events;

import java.time.Instant;
import java.util.Map;

/**
 * One analyst, admin or model-governance action ({@code audit}).
 *
 * @param target       nullable: event id, model, ...
 * @param modelVersion nullable
 * @param details      nullable
 */
public record AuditRecord(String id, Instant eventTime, String source, int version,
                          String actor, String role, String action, String target, String modelVersion,
                          AuditOutcome outcome, Map<String, String> details) implements Event {

    public AuditRecord {
        Fields.envelope(id, eventTime, source, version);
        Fields.required(actor, "actor");
        Fields.required(role, "role");
        Fields.required(action, "action");
        Fields.required(outcome, "outcome");
        details = Fields.copy(details);
    }
}
