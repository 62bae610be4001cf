package io.vigil.alerts.notify;

import io.vigil.platform.config.ConfigException;
import io.vigil.platform.config.Secret;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code alerts.webhook} section. */
public record WebhookSettings(List<String> urls, List<String> headers, Secret bearerToken, long timeoutMs,
                              int maxAttempts, long initialBackoffMs, long maxBackoffMs, double backoffMultiplier,
                              double jitter, String consumerGroup) {

    public WebhookSettings {
        urls = urls == null ? List.of() : urls.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        headers = headers == null ? List.of() : List.copyOf(headers);
        bearerToken = bearerToken == null ? Secret.empty() : bearerToken;
        for (String u : urls) {
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("alerts.webhook.urls: '" + u + "' is not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null)
                throw new ConfigException("alerts.webhook.urls: '" + u + "' must be an http:// or https:// URL with a host");
        }
        parseHeaders(headers);
        if (timeoutMs < 1) throw new ConfigException("alerts.webhook.timeout-ms must be >= 1, not " + timeoutMs);
        if (maxAttempts < 1) throw new ConfigException("alerts.webhook.max-attempts must be >= 1, not " + maxAttempts);
        if (initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs)
            throw new ConfigException("alerts.webhook: need 0 <= initial-backoff-ms <= max-backoff-ms, not " + initialBackoffMs + " and " + maxBackoffMs);
        if (backoffMultiplier < 1) throw new ConfigException("alerts.webhook.backoff-multiplier must be >= 1, not " + backoffMultiplier);
        if (jitter < 0 || jitter > 1) throw new ConfigException("alerts.webhook.jitter must be in 0..1, not " + jitter);
        consumerGroup = consumerGroup == null || consumerGroup.isBlank() ? "vigil-alerts-notifier" : consumerGroup.strip();
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(List.of(), List.of(), Secret.empty(), 5000, 5, 500, 30_000, 2.0, 0.5, null);
    }

    /** The configured extra headers as name -> value. */
    public Map<String, String> headerMap() {
        return parseHeaders(headers);
    }

    private static Map<String, String> parseHeaders(List<String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? "" : h.substring(0, colon).strip();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"))
                throw new ConfigException("alerts.webhook.headers: '" + h + "' must be 'Name: value'");
            out.put(name, h.substring(colon + 1).strip());
        }
        return out;
    }
}
