package io.vigil.models.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Model inputs for a batch, padded to the longest row: token ids + attention mask for the
 * transformer branch, hashed n-gram ids + mask for the n-gram branch. Row-major flat arrays.
 */
public record EncodedBatch(int batch, int seqLen, long[] ids, float[] mask, int ngramLen,
                           long[] ngrams, float[] ngramMask) {

    public NDList toNDList(NDManager m) {
        return new NDList(
                m.create(ids, new Shape(batch, seqLen)),
                m.create(mask, new Shape(batch, seqLen)),
                m.create(ngrams, new Shape(batch, ngramLen)),
                m.create(ngramMask, new Shape(batch, ngramLen)));
    }
}
