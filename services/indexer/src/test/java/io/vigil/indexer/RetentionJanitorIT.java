package io.vigil.indexer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionJanitorIT {

    @Test
    void deletesOnlyDailyIndicesPastTheirFamilysRetention() throws Exception {
        ElasticsearchClient es = new IndexerTestSupport().es();
        IndexCatalog catalog = IndexCatalog.standard();
        Instant now = Instant.now();
        IndexFamily news = catalog.family("vigil-news"); // 30 days
        IndexFamily audit = catalog.family("vigil-audit"); // kept forever
        String expired = news.dailyIndex(now.minus(31, ChronoUnit.DAYS));
        String borderline = news.dailyIndex(now.minus(30, ChronoUnit.DAYS));
        String fresh = news.dailyIndex(now);
        String oldAudit = audit.dailyIndex(now.minus(400, ChronoUnit.DAYS));
        for (String index : List.of(expired, borderline, fresh, oldAudit)) {
            if (!es.indices().exists(e -> e.index(index)).value()) es.indices().create(c -> c.index(index));
        }
        List<String> deleted = new RetentionJanitor(es, catalog, Clock.fixed(now, ZoneOffset.UTC)).runOnce();
        assertThat(deleted).contains(expired).doesNotContain(borderline, fresh, oldAudit);
        assertThat(es.indices().exists(e -> e.index(expired)).value()).isFalse();
        for (String kept : List.of(borderline, fresh, oldAudit)) {
            assertThat(es.indices().exists(e -> e.index(kept)).value()).as(kept).isTrue();
        }
    }
}
