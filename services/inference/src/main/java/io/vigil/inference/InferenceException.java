package io.vigil.inference;

import io.vigil.platform.http.ApiException;

/**
 * Typed failures of the scoring path. They extend {@link ApiException} so the HTTP front maps each to its
 * status without a translation table; the stream loop tells them apart by type.
 */
public abstract sealed class InferenceException extends ApiException {

    protected InferenceException(int status, String message) {
        super(status, message);
    }

    /** No model of that name is served (404). */
    public static final class ModelNotFound extends InferenceException {
        public ModelNotFound(String model) {
            super(404, "no model '" + model + "' is served");
        }
    }

    /** The caller's input cannot be scored: empty, not text, wrong features (400). */
    public static final class BadInput extends InferenceException {
        public BadInput(String message) {
            super(400, message);
        }
    }

    /** The model's request queue is full: back off and retry (503). */
    public static final class Overloaded extends InferenceException {
        public Overloaded(String model, int queueSize) {
            super(503, "model '" + model + "' is overloaded: its queue of " + queueSize + " requests is full; retry later");
        }
    }

    /** The model itself failed while scoring a batch (500). */
    public static final class ModelFailure extends InferenceException {
        public ModelFailure(String message, Throwable cause) {
            super(500, message);
            initCause(cause);
        }
    }
}
