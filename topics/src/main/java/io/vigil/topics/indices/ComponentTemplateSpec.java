package io.vigil.topics.indices;

import java.util.Objects;

/**
 * A component template every family's index template is composed of.
 *
 * @param name     the template name, e.g. {@code vigil-envelope}
 * @param resource classpath resource of its JSON body (no leading slash)
 */
public record ComponentTemplateSpec(String name, String resource) {

    public ComponentTemplateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resource, "resource of " + name);
    }

    /** The component template's JSON, read from the classpath. */
    public String json() {
        return IndexCatalog.readResource(resource);
    }
}
