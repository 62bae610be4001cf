package io.vigil.ingest.stream;

import io.vigil.ingest.IngestMetrics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.util.Properties;
import java.util.function.Consumer;

/** Builds one domain's topology with the ingest error handlers set in its properties. */
public final class IngestTopologies {

    private IngestTopologies() {
    }

    /** Adds the handlers every ingest app uses (see {@link StreamsErrors}). */
    public static Properties withHandlers(Properties props) {
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsErrors.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        return props;
    }

    public static Topology build(Properties props, Consumer<StreamsBuilder> domain) {
        StreamsBuilder b = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        domain.accept(b);
        return b.build(props);
    }

    public static Topology news(Properties props, NewsTopology t, java.time.Duration retention, IngestMetrics m) {
        return build(props, b -> t.build(b, retention, m));
    }

    public static Topology notes(Properties props, NotesTopology t, java.time.Duration retention, IngestMetrics m) {
        return build(props, b -> t.build(b, retention, m));
    }

    public static Topology transactions(Properties props, TransactionsTopology t, java.time.Duration retention, IngestMetrics m) {
        return build(props, b -> t.build(b, retention, m));
    }
}
