package io.vigil.platform.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach an Elasticsearch cluster. A plain record so the configuration layer can bind it.
 *
 * @param urls          one or more {@code http(s)://host:port} base URLs (no path)
 * @param apiKey        optional API key, the base64 {@code id:key} form Elasticsearch returns as {@code encoded}
 * @param username      optional basic-auth user (with {@code password}); not together with {@code apiKey}
 * @param password      the basic-auth password
 * @param caCertificate optional PEM file of the CA that signed the cluster's HTTP certificate
 * @param fingerprint   optional SHA-256 fingerprint (hex, colons allowed) of that CA; not together with
 *                      {@code caCertificate}
 * @param timeout       connect, socket and response timeout; {@code null} means 30 s
 */
public record ElasticsearchSettings(List<String> urls, String apiKey, String username, String password,
                                    Path caCertificate, String fingerprint, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ElasticsearchSettings {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) throw new IllegalArgumentException("at least one Elasticsearch URL is required");
        urls = List.copyOf(urls);
        for (String url : urls) validateUrl(url);
        apiKey = blankToNull(apiKey);
        username = blankToNull(username);
        fingerprint = blankToNull(fingerprint);
        if (apiKey != null && username != null) {
            throw new IllegalArgumentException("give either an API key or a username/password, not both");
        }
        if (username != null && (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("username '" + username + "' needs a password");
        }
        if (username == null && password != null && !password.isEmpty()) {
            throw new IllegalArgumentException("a password was given without a username");
        }
        if (caCertificate != null && fingerprint != null) {
            throw new IllegalArgumentException("give either a CA certificate or a fingerprint, not both");
        }
        if ((caCertificate != null || fingerprint != null) && urls.stream().noneMatch(u -> u.startsWith("https:"))) {
            throw new IllegalArgumentException("a CA certificate or fingerprint was given but no URL uses https");
        }
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
    }

    /** An unauthenticated plain-HTTP cluster, e.g. the embedded node. */
    public static ElasticsearchSettings local(String url) {
        return new ElasticsearchSettings(List.of(url), null, null, null, null, null, null);
    }

    public boolean tls() {
        return urls.stream().anyMatch(u -> u.startsWith("https:"));
    }

    /** Secrets are masked: this string may be logged. */
    @Override
    public String toString() {
        return "ElasticsearchSettings[urls=" + urls
                + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", username=" + (username == null ? "none" : username)
                + ", password=" + (password == null ? "none" : "****")
                + ", caCertificate=" + (caCertificate == null ? "none" : caCertificate)
                + ", fingerprint=" + (fingerprint == null ? "none" : "set")
                + ", timeout=" + timeout + "]";
    }

    private static void validateUrl(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("blank Elasticsearch URL");
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Elasticsearch URL must start with http:// or https://: " + url);
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("Elasticsearch URL has no host: " + url);
        if (uri.getUserInfo() != null) {
            // Credentials in a URL end up in logs; they belong in apiKey or username/password.
            throw new IllegalArgumentException("credentials must not be part of the Elasticsearch URL");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
