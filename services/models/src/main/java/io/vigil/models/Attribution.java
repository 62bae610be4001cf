package io.vigil.models;

/**
 * One token's or feature's contribution to the explained label's probability. For text,
 * {@code start}/{@code end} are character offsets into the input ({@code end} exclusive); for
 * tabular features both are -1 and {@code value} holds the raw feature value.
 */
public record Attribution(String name, int start, int end, double value, double weight) {}
