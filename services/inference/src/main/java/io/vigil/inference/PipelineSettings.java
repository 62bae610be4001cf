package io.vigil.inference;

import io.vigil.platform.config.ConfigException;

/**
 * How the exactly-once scoring loop overlaps work ({@code inference.pipeline}).
 *
 * @param depth polls decoded and queued for scoring at once, the one being committed included: with 2, the
 *              models score the next poll while the previous transaction commits (1: strictly one at a time)
 * @param loops scoring loops in this instance, each with its own consumer (same group: the partitions are
 *              split between them) and transactional producer ({@code <transactional-id>-<i>} when more than
 *              one), so decoding, encoding and commits run in parallel on machines with cores to spare
 */
public record PipelineSettings(int depth, int loops) {

    public PipelineSettings {
        if (depth < 1 || depth > 16) throw new ConfigException("inference.pipeline.depth must be 1..16, not " + depth);
        if (loops < 1 || loops > 64) throw new ConfigException("inference.pipeline.loops must be 1..64, not " + loops);
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(2, 1);
    }
}
