package io.vigil.models.train;

/**
 * Training hyper-parameters. {@code patience}: epochs without dev improvement before stopping;
 * the best epoch's parameters are restored at the end. {@code lengthBuckets}: batches are formed
 * from examples of similar length (a seeded shuffle, then sorted by length within windows of 32
 * batches, then the batches shuffled), which cuts padding for models whose cost grows with the
 * padded length (MiniLM); it needs a {@link Fitter.BatchSource} that knows lengths.
 */
public record TrainConfig(int maxEpochs, int batchSize, float learningRate, float weightDecay,
                          int patience, long seed, boolean classWeights, boolean lengthBuckets) {

    public TrainConfig(int maxEpochs, int batchSize, float learningRate, float weightDecay,
                       int patience, long seed, boolean classWeights) {
        this(maxEpochs, batchSize, learningRate, weightDecay, patience, seed, classWeights, false);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(maxEpochs, batchSize, learningRate, weightDecay, patience, s, classWeights, lengthBuckets);
    }

    public TrainConfig withMaxEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, weightDecay, patience, seed, classWeights, lengthBuckets);
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(maxEpochs, batchSize, lr, weightDecay, patience, seed, classWeights, lengthBuckets);
    }
}
