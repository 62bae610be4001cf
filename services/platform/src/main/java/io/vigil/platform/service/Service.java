package io.vigil.platform.service;

/**
 * One Vigil service (ingest, inference, feedback, indexer, alerts): started by the app, in local mode
 * next to the others or alone against external clusters. {@link #close()} stops it cleanly
 * (committing what it has processed) and must be idempotent.
 */
public interface Service extends AutoCloseable {

    /** Short name used in logs, health checks and metrics, e.g. {@code alerts}. */
    String name();

    /** Starts the service's loops and returns; failures to start throw. */
    void start();

    @Override
    void close();
}
