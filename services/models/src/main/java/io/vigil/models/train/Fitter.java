package io.vigil.models.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.vigil.models.DjlOffline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by text and tabular models: shuffled mini-batches (java.util.Random
 * seeded), class-weighted softmax cross-entropy, Adam, dev metric after every epoch, early stopping
 * with patience, best parameters restored. Works on fresh and on loaded (fine-tuned) models: it
 * never re-initialises parameters. Deterministic for a given seed on one CPU thread.
 */
public final class Fitter {

    private static final Logger LOG = LoggerFactory.getLogger(Fitter.class);

    /** Builds a batch of model inputs for the given example indices. */
    @FunctionalInterface
    public interface BatchSource {
        NDList inputs(NDManager manager, int[] indices);

        /** Length of an example (tokens), for length-bucketed batches; 0 when unknown. */
        default int length(int index) {
            return 0;
        }
    }

    /** Per-epoch record. */
    public record Epoch(int epoch, double trainLoss, double devMetric, long millis) {}

    public record Result(int bestEpoch, double bestDevMetric, List<Epoch> history, long millis) {}

    private Fitter() {}

    /**
     * @param labels class index per training example
     * @param numClasses number of classes
     * @param devMetric evaluates the model as it is now (higher is better), e.g. macro-F1 on dev
     */
    public static Result fit(Model model, BatchSource source, int[] labels, int numClasses,
                             TrainConfig cfg, ToDoubleFunction<Model> devMetric) {
        DjlOffline.ensure();
        Engine.getInstance().setRandomSeed((int) cfg.seed());
        float[] weights = new float[numClasses];
        java.util.Arrays.fill(weights, 1f);
        if (cfg.classWeights()) {
            int[] counts = new int[numClasses];
            for (int l : labels) {
                counts[l]++;
            }
            for (int c = 0; c < numClasses; c++) {
                // inverse frequency, normalised so an even split gives 1
                weights[c] = counts[c] == 0 ? 0f : (float) labels.length / (numClasses * counts[c]);
            }
        }
        int stepsPerEpoch = (labels.length + cfg.batchSize() - 1) / cfg.batchSize();
        int totalSteps = stepsPerEpoch * cfg.maxEpochs();
        Optimizer adam = adam(schedule(cfg, cfg.learningRate(), totalSteps), cfg.weightDecay());
        java.util.Set<String> pretrained = new java.util.HashSet<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getKey().contains(io.vigil.models.text.TextClassifierBlock.PRETRAINED_PREFIX)) {
                pretrained.add(p.getValue().getId());
            }
        }
        Optimizer optimizer = pretrained.isEmpty() ? adam
                : new Grouped(adam, adam(schedule(cfg, cfg.learningRate() * pretrainedLrScale(), totalSteps), cfg.weightDecay()), pretrained);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer);
        Random rnd = new Random(cfg.seed());
        int n = labels.length;
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        List<Epoch> history = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1;
        Map<String, float[]> bestParams = null;
        long t0 = System.currentTimeMillis();
        int skipped = 0;
        try (Trainer trainer = model.newTrainer(tc)) {
            for (int epoch = 1; epoch <= cfg.maxEpochs(); epoch++) {
                long e0 = System.currentTimeMillis();
                shuffle(order, rnd);
                List<int[]> plan = batches(order, cfg, source, rnd);
                double lossSum = 0;
                int batches = 0;
                for (int[] idx : plan) {
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList x = source.inputs(m, idx);
                        int[] y = new int[idx.length];
                        float[] w = new float[idx.length];
                        for (int i = 0; i < idx.length; i++) {
                            y[i] = labels[idx[i]];
                            w[i] = weights[y[i]];
                        }
                        boolean finite;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(x).head();
                            NDArray loss = weightedCrossEntropy(logits, m.create(y), m.create(w), numClasses);
                            float l = loss.getFloat();
                            finite = Float.isFinite(l);
                            if (finite) {
                                gc.backward(loss);
                                lossSum += l;
                            } else {
                                // one bad batch must not poison Adam's moments and every weight with NaN: no
                                // backward at all (zeroing the gradients after a NaN backward did not clean them)
                                skipped++;
                                LOG.warn("epoch {}: non-finite loss on a batch of {}, update skipped ({} so far)", epoch, idx.length, skipped);
                            }
                        }
                        if (finite) {
                            trainer.step();
                            batches++;
                        }
                    }
                }
                double dev = devMetric.applyAsDouble(model);
                long ms = System.currentTimeMillis() - e0;
                history.add(new Epoch(epoch, lossSum / Math.max(1, batches), dev, ms));
                LOG.info("epoch {} loss {} dev {} ({} ms)", epoch,
                        String.format("%.4f", lossSum / Math.max(1, batches)), String.format("%.4f", dev), ms);
                if (dev > best) {
                    best = dev;
                    bestEpoch = epoch;
                    bestParams = snapshot(model);
                } else if (epoch - bestEpoch >= cfg.patience()) {
                    LOG.info("early stop at epoch {}; best epoch {} dev {}", epoch, bestEpoch,
                            String.format("%.4f", best));
                    break;
                }
            }
        }
        if (bestParams != null) {
            restore(model, bestParams);
        }
        return new Result(bestEpoch, best, history, System.currentTimeMillis() - t0);
    }

    /** Consecutive slices of the shuffled order; with lengthBuckets, slices of length-sorted windows, shuffled. */
    static List<int[]> batches(int[] order, TrainConfig cfg, BatchSource source, Random rnd) {
        int n = order.length;
        int bs = cfg.batchSize();
        List<int[]> plan = new ArrayList<>();
        if (!cfg.lengthBuckets()) {
            for (int from = 0; from < n; from += bs) {
                plan.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + bs)));
            }
            return plan;
        }
        int window = 32 * bs;
        for (int w = 0; w < n; w += window) {
            int[] win = java.util.Arrays.stream(order, w, Math.min(n, w + window)).boxed()
                    .sorted(java.util.Comparator.comparingInt(source::length)).mapToInt(i -> i).toArray();
            for (int from = 0; from < win.length; from += bs) {
                plan.add(java.util.Arrays.copyOfRange(win, from, Math.min(win.length, from + bs)));
            }
        }
        java.util.Collections.shuffle(plan, rnd);
        return plan;
    }

    private static Optimizer adam(Tracker lr, float weightDecay) {
        return Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(weightDecay).optClipGrad(5f).build();
    }

    /** Fixed, or (TrainConfig.warmupDecay) warm-up over the first 10% of the steps, then linear decay to 0. */
    static Tracker schedule(TrainConfig cfg, float lr, int totalSteps) {
        if (!cfg.warmupDecay()) {
            return Tracker.fixed(lr);
        }
        int warm = Math.max(1, totalSteps / 10);
        return step -> step < warm ? lr * (step + 1) / warm
                : lr * Math.max(0f, (float) (totalSteps - step) / Math.max(1, totalSteps - warm));
    }

    /**
     * Pre-trained weights (fine-tuned MiniLM layers) move at {@value #PRETRAINED_LR_SCALE} of the
     * learning rate of the freshly initialised parts: at the heads' rate (1e-3..3e-3) Adam would
     * wipe out what the layer learnt in pre-training within a few steps.
     */
    public static final float PRETRAINED_LR_SCALE = 0.01f;
    /** Experiments only: the system property overrides {@link #PRETRAINED_LR_SCALE}. */
    private static float pretrainedLrScale() {
        return Float.parseFloat(System.getProperty("vigil.models.pretrained-lr-scale", Float.toString(PRETRAINED_LR_SCALE)));
    }

    /** Two Adam instances: one for the pre-trained parameter ids, one for the rest. */
    private static final class Grouped extends Optimizer {
        private final Optimizer fast;
        private final Optimizer slow;
        private final java.util.Set<String> slowIds;

        Grouped(Optimizer fast, Optimizer slow, java.util.Set<String> slowIds) {
            super(new OptimizerBuilder<>() {
                @Override
                protected OptimizerBuilder self() {
                    return this;
                }
            });
            this.fast = fast;
            this.slow = slow;
            this.slowIds = slowIds;
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            (slowIds.contains(parameterId) ? slow : fast).update(parameterId, weight, grad);
        }
    }

    static NDArray weightedCrossEntropy(NDArray logits, NDArray y, NDArray w, int k) {
        NDArray nll = logits.logSoftmax(1).mul(y.oneHot(k)).sum(new int[] {1}).neg();
        return nll.mul(w).sum().div(w.sum());
    }

    /** Copies every parameter (including BatchNorm running statistics) to the Java heap. */
    public static Map<String, float[]> snapshot(Model model) {
        Map<String, float[]> s = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            s.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return s;
    }

    public static void restore(Model model, Map<String, float[]> s) {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            p.getValue().getArray().set(java.nio.FloatBuffer.wrap(s.get(p.getKey())));
        }
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
