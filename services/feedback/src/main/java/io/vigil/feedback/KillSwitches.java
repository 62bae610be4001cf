package io.vigil.feedback;

import io.vigil.topics.events.ModelRelease;
import io.vigil.topics.events.ReleaseAction;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which models' kill switches are on, as {@code models.releases} says (read from the beginning by
 * {@link FeedbackLog}, and updated at once when this instance publishes a switch). While a model is killed the
 * inference service scores it with its documented rules ({@code io.vigil.models.rules}).
 */
public final class KillSwitches {

    private final Map<String, ModelRelease> on = new ConcurrentHashMap<>();

    /** Follows kill/restore records; other actions leave the switch as it is. */
    void track(ModelRelease r) {
        if (r.action() == ReleaseAction.KILL) on.put(r.model(), r);
        else if (r.action() == ReleaseAction.RESTORE) on.remove(r.model());
    }

    public boolean killed(String model) {
        return on.containsKey(model);
    }

    /** The kill record in force for a model (who, when, why), if any. */
    public Optional<ModelRelease> kill(String model) {
        return Optional.ofNullable(on.get(model));
    }
}
