package io.vigil.models.train;

/**
 * Training hyper-parameters. {@code patience}: epochs without dev improvement before stopping;
 * the best epoch's parameters are restored at the end.
 */
public record TrainConfig(int maxEpochs, int batchSize, float learningRate, float weightDecay,
                          int patience, long seed, boolean classWeights) {

    public TrainConfig withSeed(long s) {
        return new TrainConfig(maxEpochs, batchSize, learningRate, weightDecay, patience, s, classWeights);
    }

    public TrainConfig withMaxEpochs(int e) {
        return new TrainConfig(e, batchSize, learningRate, weightDecay, patience, seed, classWeights);
    }

    public TrainConfig withLearningRate(float lr) {
        return new TrainConfig(maxEpochs, batchSize, lr, weightDecay, patience, seed, classWeights);
    }
}
