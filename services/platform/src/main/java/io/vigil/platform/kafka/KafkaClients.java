package io.vigil.platform.kafka;

import io.vigil.platform.config.KafkaSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Client properties for every Vigil service, built from one {@link KafkaSettings}: connection and
 * security once, then the per-role settings that the delivery guarantees need (idempotent producers,
 * read_committed consumers, exactly-once v2 Streams).
 */
public final class KafkaClients {

    private final KafkaSettings settings;

    public KafkaClients(KafkaSettings settings) {
        if (settings.useEmbedded()) throw new IllegalArgumentException("kafka.bootstrap-servers is empty: start the embedded broker first");
        this.settings = settings;
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** Connection and security properties shared by every client. */
    public Map<String, Object> common(String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, settings.clientIdPrefix() + "-" + clientId);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, settings.securityProtocol());
        if (settings.securityProtocol().startsWith("SASL")) {
            String mechanism = settings.saslMechanism().toUpperCase(Locale.ROOT);
            p.put(SaslConfigs.SASL_MECHANISM, mechanism);
            String module = mechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            p.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + escape(settings.username())
                    + "\" password=\"" + escape(settings.password().reveal()) + "\";");
        }
        if (settings.securityProtocol().endsWith("SSL") && settings.truststorePath() != null && !settings.truststorePath().isBlank()) {
            String path = settings.truststorePath();
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, path);
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, path.endsWith(".pem") || path.endsWith(".crt") ? "PEM"
                    : path.endsWith(".jks") ? "JKS" : "PKCS12");
            if (settings.truststorePassword().isPresent()) {
                p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, settings.truststorePassword().reveal());
            }
        }
        return p;
    }

    public Admin admin(String clientId) {
        return Admin.create(common(clientId));
    }

    /** An idempotent, acks=all producer. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> p = common(clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /** A transactional producer for consume-process-produce loops. */
    public Map<String, Object> transactionalProducer(String clientId, String transactionalId) {
        Map<String, Object> p = producer(clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return p;
    }

    /** A consumer that sees committed data only and commits offsets itself. */
    public Map<String, Object> consumer(String clientId, String groupId) {
        Map<String, Object> p = common(clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    /** Kafka Streams with exactly-once v2. */
    public Properties streams(String applicationId, java.nio.file.Path stateDir) {
        Properties p = new Properties();
        p.putAll(common(applicationId));
        p.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.clientIdPrefix() + "-" + applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return p;
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
