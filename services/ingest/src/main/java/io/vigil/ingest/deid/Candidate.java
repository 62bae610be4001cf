package io.vigil.ingest.deid;

/**
 * A raw detection before merging. {@code priority} says how specific the evidence is (a checksum-valid
 * IBAN beats a generic digit run); it picks the type of a merged span, never the extent.
 */
record Candidate(PhiType type, int start, int end, int priority) {

    // Priorities: validated formats > context rules > shapes > lexicon guesses.
    static final int EMAIL = 100;
    static final int URL = 95;
    static final int IP = 90;
    static final int CHECKSUM_ID = 85;
    static final int SSN = 85;
    static final int CONTEXT_ID = 75;
    static final int DATE = 78;
    static final int PHONE = 65;
    static final int ADDRESS = 60;
    static final int ZIP = 55;
    static final int AGE = 50;
    static final int PHONE_WEAK = 45;
    static final int GENERIC_ID = 40;
    static final int NAME_CONTEXT = 35;
    static final int YEAR = 30;
    static final int NAME_LEXICON = 20;
}
