package io.vigil.platform.config;

/** The {@code http} section: where a service's HTTP endpoints listen. */
public record HttpSettings(String host, int port) {
    public HttpSettings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65535) throw new ConfigException("http.port must be 0..65535, not " + port);
    }
}
