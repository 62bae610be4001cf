package io.vigil.ingest.deid;

/**
 * One word of a text as the name rules see it: where it stands and what the word lists made of it. Its own type
 * so that the rule classes ({@link NameCues}, {@link NamePositions}, {@link NeighbourCues}) can read the tokens that
 * {@link NameDetector} classified.
 *
 * @param suffixOnly medical only by its ending ("Tiefenthal" ends like "bilateral"): a strong cue may still take it
 */
record NameToken(int start, int end, String text, Kind kind, boolean medical, boolean suffixOnly) {

    /** What the word lists say about a token (see NameDetector's classify). */
    enum Kind { STRONG, AMBIG_GIVEN, PROPER, UNKNOWN, INITIAL, PARTICLE, COMMON_CAP, LOWER_GIVEN, LOWER_UNKNOWN, OTHER }

    NameToken(int start, int end, String text, Kind kind, boolean medical) {
        this(start, end, text, kind, medical, false);
    }
}
