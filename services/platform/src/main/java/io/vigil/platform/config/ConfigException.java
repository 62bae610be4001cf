package io.vigil.platform.config;

/** A configuration problem a user must fix; the message says what and where. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
