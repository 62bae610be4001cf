package io.vigil.alerts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The bounded list of event ids an alert carries: the first {@value #MAX} distinct, in arrival order. */
public final class EventIdList {

    public static final int MAX = 50;

    private EventIdList() {
    }

    public static List<String> plus(List<String> ids, List<String> more) {
        if (ids.size() >= MAX) return ids;
        LinkedHashSet<String> out = new LinkedHashSet<>(ids);
        for (String id : more) {
            if (out.size() >= MAX) break;
            out.add(id);
        }
        return List.copyOf(new ArrayList<>(out));
    }

    public static List<String> plus(List<String> ids, String id) {
        return plus(ids, List.of(id));
    }
}
