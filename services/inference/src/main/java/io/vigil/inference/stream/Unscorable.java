package io.vigil.inference.stream;

/** An input the loop cannot score; it goes to the dead-letter topic with this reason and error type. */
final class Unscorable extends Exception {

    final String errorType;

    Unscorable(String reason, String errorType) {
        super(reason, null, false, false);
        this.errorType = errorType;
    }
}
