package io.vigil.ingest.deid;

import io.vigil.models.train.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The 500 bundled synthetic clinical notes (data/clinical/synthetic_notes_mistral500.csv), text by synth_id. */
final class SyntheticNotes {

    static final String CSV = "data/clinical/synthetic_notes_mistral500.csv";

    private SyntheticNotes() {}

    static Map<String, String> byId(Path root) throws IOException {
        Csv csv = Csv.read(root.resolve(CSV));
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < csv.size(); i++) {
            out.put(csv.get(i, "synth_id"), csv.get(i, "text"));
        }
        return out;
    }
}
