package io.vigil.topics.indices;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One family of daily Elasticsearch indices, as {@code indices.yaml} declares it.
 *
 * @param name             family name, e.g. {@code vigil-news}; also the template name
 * @param alias            the read alias every daily index joins (equal to {@code name})
 * @param indexPattern     the pattern the template matches, {@code <name>-*}
 * @param sourceTopics     the Kafka topics whose events are indexed here (names from the topic catalog)
 * @param templateResource classpath resource of the composable index template (no leading slash)
 * @param retentionDays    how long daily indices are kept, or {@code null} to keep them forever
 * @param description      what the family holds
 */
public record IndexFamily(String name, String alias, String indexPattern, List<String> sourceTopics,
                          String templateResource, Integer retentionDays, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Daily suffix; UTC so an event's index does not depend on the indexer's time zone. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);

    public IndexFamily {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("index family name must be lower-case letters, digits and '-': " + name);
        }
        Objects.requireNonNull(alias, "alias of " + name);
        Objects.requireNonNull(indexPattern, "indexPattern of " + name);
        sourceTopics = List.copyOf(sourceTopics);
        if (sourceTopics.isEmpty()) throw new IllegalArgumentException("index family " + name + " has no source topic");
        Objects.requireNonNull(templateResource, "templateResource of " + name);
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException(name + ": retentionDays must be >= 1 or absent");
        }
        description = description == null ? "" : description;
    }

    /** A family named {@code name} with the standard alias ({@code name}) and pattern ({@code name-*}). */
    public static IndexFamily of(String name, List<String> sourceTopics, String templateResource,
                                 Integer retentionDays, String description) {
        return new IndexFamily(name, name, name + "-*", sourceTopics, templateResource, retentionDays, description);
    }

    /** The daily index an event belongs to, by its event time in UTC: {@code vigil-news-2026.11.22}. */
    public String dailyIndex(Instant eventTime) {
        Objects.requireNonNull(eventTime, "eventTime");
        return name + "-" + DAY.format(eventTime);
    }

    /** True when {@code index} is one of this family's daily indices. */
    public boolean owns(String index) {
        return index != null && index.startsWith(name + "-") && index.length() == name.length() + 11
                && index.substring(name.length() + 1).matches("\\d{4}\\.\\d{2}\\.\\d{2}");
    }

    public Optional<Integer> retention() {
        return Optional.ofNullable(retentionDays);
    }

    /** The index template's JSON, read from the classpath. */
    public String templateJson() {
        return IndexCatalog.readResource(templateResource);
    }
}
