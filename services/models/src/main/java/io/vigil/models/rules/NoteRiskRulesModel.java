package io.vigil.models.rules;

import io.vigil.models.Attribution;
import io.vigil.models.Explanation;
import io.vigil.models.Prediction;
import io.vigil.models.ScoringModel;
import io.vigil.models.labels.NoteRiskRules;
import java.util.List;
import java.util.Locale;

/**
 * note-risk rules: {@link NoteRiskRules}, the documented weak-labelling rules the model was bootstrapped
 * from (urgent terms or critical vitals, else elevated terms or abnormal vitals, else routine, with
 * negation). Probability 0.8 for the rule's level, 0.1 for each other; the explanation is the rule that
 * fired, with the offsets of the matched phrase when it is a phrase.
 */
public final class NoteRiskRulesModel implements ScoringModel<String> {

    public static final String MODEL = "note-risk";

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public String version() {
        return RulesModels.VERSION;
    }

    @Override
    public List<String> labels() {
        return NoteRiskRules.LABELS;
    }

    private static Prediction verdict(NoteRiskRules.Verdict v) {
        float[] p = {0.1f, 0.1f, 0.1f};
        p[v.label()] = 0.8f;
        return Prediction.of(NoteRiskRules.LABELS, p);
    }

    @Override
    public List<Prediction> predict(List<String> inputs) {
        return inputs.stream().map(t -> verdict(NoteRiskRules.label(t == null ? "" : t))).toList();
    }

    @Override
    public Explanation explain(String input, int topK) {
        return explain(input, NoteRiskRules.label(input).labelName(), topK);
    }

    @Override
    public Explanation explain(String input, String label, int topK) {
        if (!NoteRiskRules.LABELS.contains(label)) throw new IllegalArgumentException("unknown label " + label);
        NoteRiskRules.Verdict v = NoteRiskRules.label(input);
        String reason = v.reason();
        int colon = reason.indexOf(": ");
        String phrase = colon < 0 ? "" : reason.substring(colon + 2);
        int at = phrase.isEmpty() ? -1 : input.toLowerCase(Locale.ROOT).indexOf(phrase);
        double w = v.labelName().equals(label) ? 0.8 : -0.8;
        Attribution a = at >= 0 && reason.contains("term")
                ? new Attribution(phrase, at, at + phrase.length(), 1, w)
                : new Attribution(reason, -1, -1, 1, w);
        return new Explanation(label, "rules:note-risk", topK < 1 ? List.of() : List.of(a));
    }

    @Override
    public void close() {
        // nothing held
    }
}
