package io.vigil.ingest.deid;

import java.math.BigInteger;

/** Check digits that separate real card numbers and IBANs from arbitrary digit runs. */
final class Checksums {

    private Checksums() {
    }

    /** Luhn (mod 10) over the digits of {@code s}; non-digits are ignored. */
    static boolean luhn(CharSequence s) {
        int sum = 0;
        boolean dbl = false;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                continue;
            }
            int d = ch - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
            n++;
        }
        return n > 0 && sum % 10 == 0;
    }

    /** ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, mod 97 == 1. */
    static boolean iban(String compact) {
        String s = compact.toUpperCase(java.util.Locale.ROOT);
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char ch = rearranged.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits.append(ch);
            } else if (ch >= 'A' && ch <= 'Z') {
                digits.append(ch - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
