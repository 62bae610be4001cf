package io.vigil.alerts.rules;

import io.vigil.alerts.AlertMeters;
import io.vigil.topics.events.Alert;
import org.apache.kafka.streams.kstream.KStream;

/** One configured rule: adds its part of the topology and returns the alerts it fires (any key type). */
public interface AlertRule {

    String id();

    KStream<?, Alert> build(RuleInputs inputs, AlertMeters meters);
}
