package io.vigil.topics.events;

/**
 * One term of an explanation: a token with its character offsets, or a feature.
 *
 * @param start nullable, inclusive character offset of a token
 * @param end   nullable, exclusive character offset; not before {@code start}
 */
public record Attribution(String feature, double weight, Integer start, Integer end) {

    public Attribution {
        Fields.required(feature, "feature");
        if (start != null && end != null && end < start)
            throw new IllegalArgumentException("end (" + end + ") must not be before start (" + start + ")");
    }

    public static Attribution token(String token, double weight, int start, int end) {
        return new Attribution(token, weight, start, end);
    }

    public static Attribution feature(String name, double weight) {
        return new Attribution(name, weight, null, null);
    }
}
