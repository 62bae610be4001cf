package io.vigil.feedback;

import io.vigil.platform.config.ConfigException;
import java.util.Locale;

/** What an API key may do. Admins may also review; service keys only read. */
public enum Role {
    ANALYST, ADMIN, SERVICE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String s) {
        try {
            return Role.valueOf(s == null ? "" : s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("feedback.api-keys: role must be analyst, admin or service, not '" + s + "'");
        }
    }
}
