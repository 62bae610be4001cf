package io.vigil.models.labels;

import java.util.regex.Pattern;

/**
 * Makes training notes look like what the stream's de-identifier emits (the real one lives in
 * ingest): dates, phone numbers, e-mails, long digit runs (MRNs) and titled names become
 * placeholders, so the model never learns from identifiers and sees the same shape as in serving.
 */
public final class NoteScrubber {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");
    private static final Pattern PHONE = Pattern.compile("\\(?\\b\\d{3}\\)?[-. ]\\d{3}[-. ]\\d{4}\\b");
    private static final Pattern DATE = Pattern.compile("\\b(\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|"
            + "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? \\d{1,2},? \\d{4})\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LONG_ID = Pattern.compile("\\b\\d{6,}\\b");
    private static final Pattern TITLED_NAME = Pattern.compile("\\b(Mr|Mrs|Ms|Miss|Dr)\\.? [A-Z][a-z]+( [A-Z][a-z]+)?");

    private NoteScrubber() {}

    public static String scrub(String note) {
        String s = EMAIL.matcher(note).replaceAll("[EMAIL]");
        s = PHONE.matcher(s).replaceAll("[PHONE]");
        s = DATE.matcher(s).replaceAll("[DATE]");
        s = LONG_ID.matcher(s).replaceAll("[ID]");
        return TITLED_NAME.matcher(s).replaceAll("[PERSON]");
    }
}
