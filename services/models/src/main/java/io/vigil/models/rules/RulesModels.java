package io.vigil.models.rules;

import io.vigil.models.ScoringModel;
import java.util.List;

/**
 * The documented rules each model falls back to while its kill switch is on (README "Rules fallback").
 * A rules model is served under the reserved version {@link #VERSION}: every score it gives says so.
 * They need no parameters, no training and no engine, so they cannot fail the way a model can.
 */
public final class RulesModels {

    /** The version name of every rules fallback; never a version directory in a store. */
    public static final String VERSION = "rules";

    private RulesModels() {}

    public static boolean isRules(String version) {
        return VERSION.equals(version);
    }

    /** Models with a rules fallback. */
    public static List<String> models() {
        return List.of(SentimentRules.MODEL, FraudRules.MODEL, NoteRiskRulesModel.MODEL);
    }

    /** The rules fallback of a model; IllegalArgumentException for a model without one. */
    public static ScoringModel<?> create(String model) {
        return switch (model) {
            case SentimentRules.MODEL -> new SentimentRules();
            case FraudRules.MODEL -> new FraudRules();
            case NoteRiskRulesModel.MODEL -> new NoteRiskRulesModel();
            default -> throw new IllegalArgumentException("no rules fallback for model '" + model + "'; have " + models());
        };
    }
}
