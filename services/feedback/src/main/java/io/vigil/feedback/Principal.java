package io.vigil.feedback;

/** The holder of an API key, as named in configuration. */
public record Principal(String name, Role role) {}
