package io.vigil.alerts.rules;

/** A rules file that cannot be used; the message names the file, the rule and the parameter. */
public final class RuleConfigException extends RuntimeException {
    public RuleConfigException(String message) {
        super(message);
    }
}
