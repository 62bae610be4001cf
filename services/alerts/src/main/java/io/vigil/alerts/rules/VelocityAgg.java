package io.vigil.alerts.rules;

import io.vigil.alerts.EventIdList;
import io.vigil.topics.events.ScoredTransaction;

import java.util.List;

/** One sliding window's risky transactions on an account. */
public record VelocityAgg(long count, double maxScore, long lastEventMs, String modelVersion, List<String> eventIds) {

    public VelocityAgg {
        eventIds = List.copyOf(eventIds);
    }

    public static VelocityAgg empty() {
        return new VelocityAgg(0, 0, Long.MIN_VALUE, null, List.of());
    }

    public VelocityAgg add(ScoredTransaction t) {
        long ms = t.eventTime().toEpochMilli();
        return new VelocityAgg(count + 1, Math.max(maxScore, t.score().score()), Math.max(lastEventMs, ms),
                ms >= lastEventMs ? t.score().modelVersion() : modelVersion, EventIdList.plus(eventIds, t.id()));
    }
}
