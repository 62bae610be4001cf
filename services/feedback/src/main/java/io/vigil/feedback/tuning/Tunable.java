package io.vigil.feedback.tuning;

import io.vigil.models.ScoringModel;
import io.vigil.models.tabular.TabularModel;
import io.vigil.models.text.TextClassifier;
import io.vigil.models.train.Fitter;
import io.vigil.models.train.TrainConfig;
import io.vigil.models.train.Training;
import java.nio.file.Path;
import java.util.List;

/**
 * Continued training of a loaded champion, through the models module's training APIs, for the model types it
 * can train: {@link TextClassifier} ({@code Training.fineTuneText}) and {@link TabularModel}
 * ({@code Training.fineTuneTabular}, early stopping on the risk label's AUPRC). Anything else (an exported
 * TorchScript model, a type this module does not know yet) is refused with its type named, so the fine-tune
 * endpoint can say why.
 */
final class Tunable {

    private Tunable() {}

    /** Null when the model can be fine-tuned here, else why not. */
    static String refusal(ScoringModel<?> m) {
        if (m instanceof TextClassifier || m instanceof TabularModel) return null;
        return "model type " + m.getClass().getSimpleName() + " has no fine-tune path in the models module";
    }

    /** Whether the type recorded in a version's config.json is one {@link #refusal} accepts. */
    static boolean trainableType(String configType) {
        return io.vigil.models.text.TextModelConfig.TYPE.equals(configType) || io.vigil.models.tabular.TabularModelConfig.TYPE.equals(configType);
    }

    @SuppressWarnings("unchecked")
    static Fitter.Result fineTune(ScoringModel<?> m, LabelledSet<?> train, LabelledSet<?> dev, String positiveLabel, TrainConfig tc) {
        if (m instanceof TextClassifier t) {
            return Training.fineTuneText(t, (List<String>) train.inputs(), train.labels(), (List<String>) dev.inputs(), dev.labels(), tc);
        }
        if (m instanceof TabularModel t) {
            return Training.fineTuneTabular(t, (List<float[]>) train.inputs(), train.labels(), (List<float[]>) dev.inputs(), dev.labels(),
                    positiveLabel == null ? t.labels().get(t.labels().size() - 1) : positiveLabel, tc);
        }
        throw new IllegalStateException(refusal(m));
    }

    /**
     * DJL cannot save a block that was loaded rather than initialised (its input names are unknown, so
     * {@code describeInput} fails): the tuned parameters go into a freshly initialised twin, which saves.
     */
    static void save(ScoringModel<?> tuned, Path parentDir, Path target) {
        if (tuned instanceof TextClassifier t) {
            try (TextClassifier twin = TextClassifier.create(t.name(), t.config(), parentDir.resolve("tokenizer.json"))) {
                Fitter.restore(twin.djlModel(), Fitter.snapshot(t.djlModel()));
                twin.save(target);
            }
        } else if (tuned instanceof TabularModel t) {
            try (TabularModel twin = TabularModel.create(t.name(), t.config())) {
                Fitter.restore(twin.djlModel(), Fitter.snapshot(t.djlModel()));
                twin.save(target);
            }
        } else {
            throw new IllegalStateException(refusal(tuned));
        }
    }
}
