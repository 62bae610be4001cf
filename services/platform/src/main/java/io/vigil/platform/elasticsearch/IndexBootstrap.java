package io.vigil.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.ilm.get_lifecycle.Lifecycle;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.topics.indices.ComponentTemplateSpec;
import io.vigil.topics.indices.IndexCatalog;
import io.vigil.topics.indices.IndexFamily;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Applies the index catalog to a cluster: the component templates, then (where the cluster has ILM) one
 * delete-after-N-days policy per retention, then every family's composable index template.
 *
 * <p>Idempotent: each body carries {@code _meta.vigil_hash}, the SHA-256 of what Vigil would put; a template
 * whose stored hash matches is left alone and reported {@link Outcome#UNCHANGED}. Only index templates are
 * touched, never existing indices (a changed template applies from the next daily index on).
 *
 * <p>ILM is feature-detected ({@code GET _ilm/status}); the embedded node has none and then indices are kept
 * until deleted by other means. No policy uses rollover: indices are daily by name, not by size.
 */
public final class IndexBootstrap {

    private static final Logger log = LogManager.getLogger(IndexBootstrap.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH_KEY = "vigil_hash";

    private final ElasticsearchClient client;
    private final IndexCatalog catalog;
    private final Integer replicas;
    private final IlmMode ilmMode;

    /** Whether to use ILM for retention. */
    public enum IlmMode {
        /** Use it when the cluster answers {@code GET _ilm/status}; the default. */
        AUTO,
        /** Never put or reference lifecycle policies. */
        OFF
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public enum Kind { COMPONENT_TEMPLATE, ILM_POLICY, INDEX_TEMPLATE }

    /** What happened to one object. */
    public record Change(Kind kind, String name, Outcome outcome) {
    }

    /** What a run did. */
    public record Report(boolean ilmAvailable, int replicas, List<Change> changes) {
        public Report {
            changes = List.copyOf(changes);
        }

        public List<Change> with(Outcome outcome) {
            return changes.stream().filter(c -> c.outcome() == outcome).toList();
        }

        /** True when nothing had to be created or updated. */
        public boolean unchanged() {
            return changes.stream().allMatch(c -> c.outcome() == Outcome.UNCHANGED);
        }

        public Outcome outcomeOf(Kind kind, String name) {
            return changes.stream().filter(c -> c.kind() == kind && c.name().equals(name)).map(Change::outcome)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name + " in report"));
        }

        @Override
        public String toString() {
            return "index bootstrap: " + with(Outcome.CREATED).size() + " created, " + with(Outcome.UPDATED).size()
                    + " updated, " + with(Outcome.UNCHANGED).size() + " unchanged (replicas " + replicas
                    + ", ILM " + (ilmAvailable ? "on" : "not available") + ")";
        }
    }

    private IndexBootstrap(Builder b) {
        this.client = b.client;
        this.catalog = b.catalog;
        this.replicas = b.replicas;
        this.ilmMode = b.ilmMode;
    }

    public static Builder builder(ElasticsearchClient client) {
        return new Builder(client);
    }

    /** Applies the catalog. Safe to call on every start, from several services at once (last writer wins, same body). */
    public Report apply() throws IOException {
        boolean ilm = ilmMode == IlmMode.AUTO && ilmAvailable();
        int replicaCount = replicas != null ? replicas : autoReplicas();
        List<Change> changes = new ArrayList<>();

        for (ComponentTemplateSpec c : catalog.componentTemplates()) {
            ObjectNode body = parse(c.json(), c.resource());
            ObjectNode settings = body.withObject("/template").withObject("/settings").withObject("/index");
            settings.put("number_of_replicas", replicaCount);
            changes.add(putComponentTemplate(c.name(), withHash(body)));
        }

        if (ilm) {
            for (int days : new TreeSet<>(catalog.families().stream()
                    .map(IndexFamily::retentionDays).filter(Objects::nonNull).toList())) {
                changes.add(putPolicy(policyName(days), withHash(deletePolicy(days))));
            }
        }

        for (IndexFamily f : catalog.families()) {
            ObjectNode body = parse(f.templateJson(), f.templateResource());
            if (ilm && f.retentionDays() != null) {
                body.withObject("/template").withObject("/settings").withObject("/index")
                        .withObject("/lifecycle").put("name", policyName(f.retentionDays()));
            }
            changes.add(putIndexTemplate(f.name(), withHash(body)));
        }
        Report report = new Report(ilm, replicaCount, changes);
        log.info("{}", report);
        return report;
    }

    /** The name of the lifecycle policy that deletes indices {@code days} after creation. */
    public static String policyName(int days) {
        return "vigil-delete-after-" + days + "d";
    }

    /** True when the cluster has index lifecycle management (not the embedded node). */
    public boolean ilmAvailable() {
        try {
            client.ilm().getStatus();
            return true;
        } catch (Exception e) { // 400 "no handler found", 404, 405, or an unparsable error body: no ILM
            log.debug("ILM not available: {}", e.toString());
            return false;
        }
    }

    private int autoReplicas() throws IOException {
        int dataNodes = client.cluster().health().numberOfDataNodes();
        return dataNodes > 1 ? 1 : 0;
    }

    private Change putComponentTemplate(String name, ObjectNode body) throws IOException {
        String existing = null;
        boolean exists = false;
        try {
            var got = client.cluster().getComponentTemplate(g -> g.name(name));
            if (!got.componentTemplates().isEmpty()) {
                exists = true;
                existing = hashIn(got.componentTemplates().get(0).componentTemplate().meta());
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) throw e;
        }
        Outcome outcome = outcome(exists, existing, body);
        if (outcome != Outcome.UNCHANGED) {
            String json = body.toString();
            client.cluster().putComponentTemplate(p -> p.name(name).withJson(new StringReader(json)));
        }
        return logged(new Change(Kind.COMPONENT_TEMPLATE, name, outcome));
    }

    private Change putIndexTemplate(String name, ObjectNode body) throws IOException {
        String existing = null;
        boolean exists = false;
        try {
            var got = client.indices().getIndexTemplate(g -> g.name(name));
            if (!got.indexTemplates().isEmpty()) {
                exists = true;
                existing = hashIn(got.indexTemplates().get(0).indexTemplate().meta());
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) throw e;
        }
        Outcome outcome = outcome(exists, existing, body);
        if (outcome != Outcome.UNCHANGED) {
            String json = body.toString();
            client.indices().putIndexTemplate(p -> p.name(name).withJson(new StringReader(json)));
        }
        return logged(new Change(Kind.INDEX_TEMPLATE, name, outcome));
    }

    private Change putPolicy(String name, ObjectNode body) throws IOException {
        String existing = null;
        boolean exists = false;
        try {
            Lifecycle got = client.ilm().getLifecycle(g -> g.name(name)).get(name);
            if (got != null) {
                exists = true;
                existing = hashIn(got.policy().meta());
            }
        } catch (ElasticsearchException e) {
            if (e.status() != 404) throw e;
        }
        Outcome outcome = outcome(exists, existing, (ObjectNode) body.get("policy"));
        if (outcome != Outcome.UNCHANGED) {
            String json = body.toString();
            client.ilm().putLifecycle(p -> p.name(name).withJson(new StringReader(json)));
        }
        return logged(new Change(Kind.ILM_POLICY, name, outcome));
    }

    private static ObjectNode deletePolicy(int days) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode policy = root.putObject("policy");
        policy.putObject("_meta").put("managed_by", "vigil").put("description", "delete " + days + " days after index creation");
        ObjectNode delete = policy.putObject("phases").putObject("delete");
        delete.put("min_age", days + "d");
        delete.putObject("actions").putObject("delete");
        return root;
    }

    private static Outcome outcome(boolean exists, String existingHash, ObjectNode desired) {
        if (!exists) return Outcome.CREATED;
        String want = desired.path("_meta").path(HASH_KEY).asText();
        return want.equals(existingHash) ? Outcome.UNCHANGED : Outcome.UPDATED;
    }

    /** Stamps {@code _meta.vigil_hash} (on {@code policy} for a policy body) with the hash of the body without it. */
    static ObjectNode withHash(ObjectNode body) {
        ObjectNode target = body.has("policy") ? (ObjectNode) body.get("policy") : body;
        ObjectNode meta = target.withObject("/_meta");
        meta.remove(HASH_KEY);
        meta.put(HASH_KEY, sha256(body.toString()));
        return body;
    }

    private static String hashIn(Map<String, JsonData> meta) {
        if (meta == null) return null;
        JsonData h = meta.get(HASH_KEY);
        return h == null ? null : h.to(String.class);
    }

    private static ObjectNode parse(String json, String resource) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("index resource " + resource + " is not a JSON object", e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Change logged(Change c) {
        if (c.outcome() == Outcome.UNCHANGED) log.debug("{} {} unchanged", c.kind(), c.name());
        else log.info("{} {} {}", c.kind(), c.name(), c.outcome().name().toLowerCase(java.util.Locale.ROOT));
        return c;
    }

    public static final class Builder {
        private final ElasticsearchClient client;
        private IndexCatalog catalog = IndexCatalog.standard();
        private Integer replicas;
        private IlmMode ilmMode = IlmMode.AUTO;

        private Builder(ElasticsearchClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder catalog(IndexCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** Replicas of every new index; unset means 0 on a one-data-node cluster, else 1. */
        public Builder replicas(int replicas) {
            if (replicas < 0) throw new IllegalArgumentException("replicas must be >= 0");
            this.replicas = replicas;
            return this;
        }

        public Builder ilm(IlmMode mode) {
            this.ilmMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public IndexBootstrap build() {
            return new IndexBootstrap(this);
        }
    }
}
