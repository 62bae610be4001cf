package io.vigil.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.models.metrics.GroupMetrics.Tally;
import io.vigil.monitors.drift.DriftTopology;
import io.vigil.monitors.drift.DriftWindow;
import io.vigil.monitors.fairness.GroupWindow;
import io.vigil.monitors.fairness.Observation;
import io.vigil.monitors.fairness.Subject;
import io.vigil.monitors.privacy.CellTotals;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The binary state round-trips every state type, is smaller than JSON, and still reads state written as JSON. */
class StateSerdeTest {

    static <T> void roundTrip(Class<T> type, StateSerde.Codec<T> codec, T value) {
        Serde<T> binary = StateSerde.of(type, codec);
        byte[] bytes = binary.serializer().serialize("t", value);
        assertThat(bytes[0]).isEqualTo(StateSerde.BINARY);
        assertThat(binary.deserializer().deserialize("t", bytes)).isEqualTo(value);
        byte[] json = StateSerde.of(type).serializer().serialize("t", value);
        assertThat(bytes.length).as(type.getSimpleName() + " binary vs JSON bytes").isLessThan(json.length);
        // state written before the binary format (a changelog restored after an upgrade) reads as JSON always read it
        // (JSON leaves null map values out; binary keeps them)
        assertThat(binary.deserializer().deserialize("t", json)).isEqualTo(StateSerde.of(type).deserializer().deserialize("t", json));
        assertThat(json[0]).isEqualTo((byte) '{');
    }

    @Test
    void everyStateTypeRoundTrips() {
        Map<String, Map<Integer, Long>> bins = new TreeMap<>(Map.of("log_amount", new TreeMap<>(Map.of(0, 12L, 7, 3L)),
                "score", new TreeMap<>(Map.of(9, 1L))));
        roundTrip(DriftWindow.class, DriftWindow.CODEC, new DriftWindow(15, bins));
        roundTrip(DriftTopology.Binned.class, DriftTopology.Binned.CODEC, new DriftTopology.Binned(Map.of("log_amount", 3, "type", 0)));
        roundTrip(Observation.class, Observation.CODEC, Observation.scored(new TreeMap<>(Map.of("gender", "F", "state", "CA")), true, 0.93));
        roundTrip(Observation.class, Observation.CODEC, Observation.verdict(new TreeMap<>(Map.of("ageBand", "65+")), false, true));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("sex", null);
        withNull.put("ageBand", "30-49");
        roundTrip(Subject.class, Subject.CODEC, new Subject("notes", "note-risk", new TreeMap<>(withNull)));
        Map<String, Map<String, Tally>> attrs = new TreeMap<>(Map.of("gender", new TreeMap<>(Map.of(
                "F", new Tally(40, 8, 10.4, 1, 3, 9, 2), "M", new Tally(50, 2, 6.6, 0, 0, 0, 0)))));
        roundTrip(GroupWindow.class, GroupWindow.CODEC, new GroupWindow(attrs));
        roundTrip(CellTotals.class, CellTotals.CODEC, new CellTotals(new TreeMap<>(Map.of("fraud-risk", new CellTotals.Cell(3, 2.5)))));
        roundTrip(CellTotals.Contribution.class, CellTotals.Contribution.CODEC, new CellTotals.Contribution("payment", 0.25));
    }

    @Test
    void aggregatesReadBackAreMutable() {
        Serde<DriftWindow> serde = StateSerde.of(DriftWindow.class, DriftWindow.CODEC);
        DriftWindow w = serde.deserializer().deserialize("t", serde.serializer().serialize("t", DriftWindow.empty().add(Map.of("score", 2))));
        assertThat(w.add(Map.of("score", 2, "log_amount", 1)).bins()).containsEntry("score", Map.of(2, 2L));
        Serde<GroupWindow> g = StateSerde.of(GroupWindow.class, GroupWindow.CODEC);
        GroupWindow gw = g.deserializer().deserialize("t", g.serializer().serialize("t",
                GroupWindow.empty().add(Observation.scored(Map.of("gender", "F"), true, 0.9))));
        assertThat(gw.add(Observation.scored(Map.of("gender", "M"), false, 0.1)).attributes().get("gender")).containsOnlyKeys("F", "M");
    }

    @Test
    void truncatedStateFailsClearly() {
        Serde<DriftWindow> serde = StateSerde.of(DriftWindow.class, DriftWindow.CODEC);
        byte[] bytes = serde.serializer().serialize("t", DriftWindow.empty().add(Map.of("score", 2)));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("DriftWindow");
    }
}
