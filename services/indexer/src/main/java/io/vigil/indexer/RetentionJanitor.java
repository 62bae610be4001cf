package io.vigil.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.vigil.platform.elasticsearch.IndexBootstrap;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention where the cluster has no ILM (the embedded node): deletes a family's daily indices whose day is more
 * than {@code retentionDays} before today (UTC). Families without retention are never touched. Does nothing
 * where ILM is present: there the bootstrap's lifecycle policies delete indices.
 */
public final class RetentionJanitor {

    private static final Logger log = LoggerFactory.getLogger(RetentionJanitor.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");

    private final ElasticsearchClient client;
    private final IndexCatalog catalog;
    private final Clock clock;

    public RetentionJanitor(ElasticsearchClient client, IndexCatalog catalog, Clock clock) {
        this.client = client;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** One pass; returns the indices it deleted (empty where ILM manages retention). */
    public List<String> runOnce() throws IOException {
        if (IndexBootstrap.builder(client).catalog(catalog).build().ilmAvailable()) {
            log.debug("ILM present: retention is the lifecycle policies' job");
            return List.of();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<String> deleted = new ArrayList<>();
        for (IndexFamily family : catalog.families()) {
            if (family.retention().isEmpty()) continue;
            LocalDate oldestKept = today.minusDays(family.retention().get());
            List<String> expired = client.indices().get(g -> g.index(family.indexPattern()).allowNoIndices(true)
                            .ignoreUnavailable(true)).indices().keySet().stream()
                    .filter(family::owns)
                    .filter(index -> LocalDate.parse(index.substring(family.name().length() + 1), DAY).isBefore(oldestKept))
                    .sorted().toList();
            if (expired.isEmpty()) continue;
            client.indices().delete(d -> d.index(expired));
            log.info("retention: deleted {} daily index(es) of {} older than {} days: {}", expired.size(), family.name(),
                    family.retention().get(), expired);
            deleted.addAll(expired);
        }
        return deleted;
    }
}
