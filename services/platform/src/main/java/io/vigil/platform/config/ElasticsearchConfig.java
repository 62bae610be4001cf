package io.vigil.platform.config;

import java.util.List;

/** The {@code elasticsearch} section. No {@code urls} means: use the embedded node. */
public record ElasticsearchConfig(List<String> urls, Secret apiKey, String username, Secret password,
                                  String caCertificate, String fingerprint, long timeoutMs, int replicas,
                                  int retentionDays, Embedded embedded) {

    public record Embedded(int httpPort) {
    }

    public ElasticsearchConfig {
        urls = urls == null ? List.of() : urls.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        apiKey = apiKey == null ? Secret.empty() : apiKey;
        password = password == null ? Secret.empty() : password;
        if (timeoutMs <= 0) timeoutMs = 30_000;
        if (replicas < 0) throw new ConfigException("elasticsearch.replicas must be >= 0");
        embedded = embedded == null ? new Embedded(0) : embedded;
        for (String u : urls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new ConfigException("elasticsearch.urls entry '" + u + "' must start with http:// or https://");
            }
        }
    }

    public boolean useEmbedded() {
        return urls.isEmpty();
    }
}
