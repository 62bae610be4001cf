package io.vigil.platform.config;

import java.util.Locale;

/** The {@code kafka} section. An empty {@code bootstrapServers} means: use the embedded broker. */
public record KafkaSettings(String bootstrapServers, String securityProtocol, String saslMechanism, String username,
                            Secret password, String truststorePath, Secret truststorePassword, String clientIdPrefix,
                            Embedded embedded) {

    public record Embedded(int port, int controllerPort) {
    }

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.trim();
        securityProtocol = securityProtocol == null || securityProtocol.isBlank() ? "PLAINTEXT"
                : securityProtocol.trim().toUpperCase(Locale.ROOT);
        if (!securityProtocol.matches("PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL")) {
            throw new ConfigException("kafka.security-protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not " + securityProtocol);
        }
        if (securityProtocol.startsWith("SASL") && (saslMechanism == null || saslMechanism.isBlank())) {
            throw new ConfigException("kafka.sasl-mechanism is required when kafka.security-protocol is " + securityProtocol);
        }
        password = password == null ? Secret.empty() : password;
        truststorePassword = truststorePassword == null ? Secret.empty() : truststorePassword;
        clientIdPrefix = clientIdPrefix == null || clientIdPrefix.isBlank() ? "vigil" : clientIdPrefix;
        embedded = embedded == null ? new Embedded(0, 0) : embedded;
    }

    public boolean useEmbedded() {
        return bootstrapServers.isEmpty();
    }

    /** The same settings pointed at a given bootstrap address (e.g. the embedded broker's). */
    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, securityProtocol, saslMechanism, username, password, truststorePath,
                truststorePassword, clientIdPrefix, embedded);
    }
}
