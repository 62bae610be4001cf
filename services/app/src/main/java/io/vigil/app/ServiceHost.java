package io.vigil.app;

import io.vigil.platform.service.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/** Starts services in order and stops them in reverse, so consumers stop before what they feed. */
final class ServiceHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);
    private final Deque<Service> started = new ArrayDeque<>();

    <S extends Service> S start(S service) {
        long t0 = System.nanoTime();
        service.start();
        started.push(service);
        log.info("Service {} started in {} ms", service.name(), (System.nanoTime() - t0) / 1_000_000);
        return service;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            Service s = started.pop();
            try {
                s.close();
                log.info("Service {} stopped", s.name());
            } catch (RuntimeException e) {
                log.warn("Service {} did not stop cleanly: {}", s.name(), e.getMessage(), e);
            }
        }
    }
}
