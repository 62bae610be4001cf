package io.vigil.alerts;

import io.vigil.alerts.notify.WebhookSettings;
import io.vigil.platform.config.ConfigException;

/** The {@code alerts} configuration section. */
public record AlertsSettings(String rulesFile, String applicationId, WebhookSettings webhook) {

    public AlertsSettings {
        rulesFile = rulesFile == null ? "" : rulesFile.strip();
        applicationId = applicationId == null || applicationId.isBlank() ? "alerts" : applicationId.strip();
        if (!applicationId.matches("[A-Za-z0-9._-]+"))
            throw new ConfigException("alerts.application-id may hold only letters, digits, '.', '_' and '-', not " + applicationId);
        webhook = webhook == null ? WebhookSettings.defaults() : webhook;
    }
}
