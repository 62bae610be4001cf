package io.vigil.models.train;

/**
 * Training hyper-parameters. {@code patience}: epochs without dev improvement before stopping;
 * the best epoch's parameters are restored at the end. {@code lengthBuckets}: batches are formed
 * from examples of similar length (a seeded shuffle, then sorted by length within windows of 32
 * batches, then the batches shuffled), which cuts padding for models whose cost grows with the
 * padded length (MiniLM); it needs a {@link Fitter.BatchSource} that knows lengths.
 * {@code warmupDecay}: the learning rate rises linearly over the first 10% of the
 * {@code maxEpochs} worth of steps, then falls linearly to 0 at the last one (the usual recipe
 * for fine-tuning a pre-trained encoder; without it, a fixed rate), instead of staying fixed.
 */
public record TrainConfig(int maxEpochs, int batchSize, float learningRate, float weightDecay,
                          int patience, long seed, boolean classWeights, boolean lengthBuckets,
                          boolean warmupDecay) {

    public TrainConfig(int maxEpochs, int batchSize, float learningRate, float weightDecay,
                       int patience, long seed, boolean classWeights) {
        this(maxEpochs, batchSize, learningRate, weightDecay, patience, seed, classWeights, false, false);
    }

    public TrainConfig(int maxEpochs, int batchSize, float learningRate, float weightDecay,
                       int patience, long seed, boolean classWeights, boolean lengthBuckets) {
        this(maxEpochs, batchSize, learningRate, weightDecay, patience, seed, classWeights, lengthBuckets, false);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(maxEpochs, batchSize, learningRate, weightDecay, patience, s, classWeights, lengthBuckets, warmupDecay);
    }

    public TrainConfig withMaxEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, weightDecay, patience, seed, classWeights, lengthBuckets, warmupDecay);
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(maxEpochs, batchSize, lr, weightDecay, patience, seed, classWeights, lengthBuckets, warmupDecay);
    }
}
