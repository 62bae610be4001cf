package io.vigil.models;

import java.util.List;

/** Why a model chose {@code label}: method ("occlusion", "occlusion-to-mean") and top attributions. */
public record Explanation(String label, String method, List<Attribution> top) {}
