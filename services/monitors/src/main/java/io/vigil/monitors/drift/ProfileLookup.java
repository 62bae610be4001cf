package io.vigil.monitors.drift;

import java.util.Optional;

/** Finds the reference profile to measure a model version's events against. */
@FunctionalInterface
public interface ProfileLookup {

    Optional<ModelProfile> profile(String model, String version);
}
