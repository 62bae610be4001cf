package io.vigil.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builds {@link ElasticsearchClient}s (elasticsearch-java on the rest5 transport) from {@link ElasticsearchSettings}. */
public final class ElasticsearchClients {

    private static final Logger log = LogManager.getLogger(ElasticsearchClients.class);

    private ElasticsearchClients() {
    }

    /** A client for the settings; close it to release its connections. */
    public static ElasticsearchClient create(ElasticsearchSettings settings) {
        Rest5Client rest = lowLevelClient(settings);
        log.info("Elasticsearch client for {}", settings);
        return new ElasticsearchClient(new Rest5ClientTransport(rest, jsonpMapper()));
    }

    /** The low-level client behind {@link #create}, for callers that need raw requests. */
    public static Rest5Client lowLevelClient(ElasticsearchSettings settings) {
        Timeout timeout = Timeout.of(settings.timeout());
        Rest5ClientBuilder b = Rest5Client.builder(hosts(settings.urls()))
                // Kafka puts zstd-jni on the classpath; with compression on, the client asks for zstd and the
                // embedded node closes the channel. Off both ways: requests uncompressed, no Accept-Encoding.
                .setCompressionEnabled(false)
                .setHttpClientConfigCallback(http -> http.disableContentCompression())
                .setConnectionConfigCallback(c -> c.setConnectTimeout(timeout).setSocketTimeout(timeout))
                .setRequestConfigCallback(r -> r.setConnectionRequestTimeout(timeout).setResponseTimeout(timeout));
        List<Header> headers = new ArrayList<>();
        if (settings.apiKey() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + settings.apiKey()));
        } else if (settings.username() != null) {
            String pair = settings.username() + ":" + settings.password();
            headers.add(new BasicHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        if (!headers.isEmpty()) b.setDefaultHeaders(headers.toArray(Header[]::new));
        SSLContext ssl = sslContext(settings);
        if (ssl != null) b.setSSLContext(ssl);
        return b.build();
    }

    /** The JSON mapper documents go through: java.time as ISO-8601 strings, nulls omitted. */
    public static JacksonJsonpMapper jsonpMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        return new JacksonJsonpMapper(mapper);
    }

    private static SSLContext sslContext(ElasticsearchSettings settings) {
        if (settings.caCertificate() != null) {
            try {
                return TransportUtils.sslContextFromHttpCaCrt(settings.caCertificate().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Elasticsearch CA certificate " + settings.caCertificate(), e);
            }
        }
        if (settings.fingerprint() != null) {
            return TransportUtils.sslContextFromCaFingerprint(settings.fingerprint());
        }
        return null; // https without either: the JVM's default trust store applies
    }

    static HttpHost[] hosts(List<String> urls) {
        HttpHost[] hosts = new HttpHost[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            try {
                URI uri = new URI(urls.get(i).strip());
                if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
                    throw new IllegalArgumentException("Elasticsearch URL must not have a path: " + urls.get(i));
                }
                int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 9200);
                hosts[i] = new HttpHost(uri.getScheme(), uri.getHost(), port);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + urls.get(i), e);
            }
        }
        return hosts;
    }
}
