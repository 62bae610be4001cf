package io.vigil.monitors.drift;

import io.vigil.models.drift.ReferenceProfile;

import java.util.Set;

/**
 * A model version's reference profile as the drift monitor uses it.
 *
 * @param profileVersion the version whose profile this is (an earlier one when the scored version has none)
 * @param vocabulary     the tokenizer's whole words (text models; empty for tabular models)
 */
public record ModelProfile(ReferenceProfile reference, String profileVersion, Set<String> vocabulary) {
}
