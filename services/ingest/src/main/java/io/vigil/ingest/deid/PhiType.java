package io.vigil.ingest.deid;

/**
 * Kinds of protected health information the {@link Deidentifier} redacts, each with its placeholder.
 * Ages are only PHI above 89 (HIPAA Safe Harbor); younger ages stay in the text.
 */
public enum PhiType {
    NAME,
    DATE,
    /** Telephone and fax numbers. */
    PHONE,
    EMAIL,
    /** Street addresses, PO boxes, apartment/suite numbers. */
    ADDRESS,
    ZIP,
    /** Medical record, SSN, account, licence, credit-card, IBAN and other identifying numbers. */
    ID,
    /** Ages over 89 only. */
    AGE,
    URL,
    IP;

    /** The text that replaces a span of this type, e.g. {@code [NAME]}. */
    public String placeholder() {
        return "[" + name() + "]";
    }
}
