package io.vigil.platform.http;

/** Handles one route. Throw {@link ApiException} for client errors; anything else is a 500. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
