package io.vigil.platform.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;

import java.util.Set;

/**
 * Tells a document the index mapping rejected (route it to {@code indexer.dlq}; retrying cannot help) from
 * a transient failure (retry).
 */
public final class MappingErrors {

    /** Error types Elasticsearch uses when a document does not fit the mapping. */
    private static final Set<String> MAPPING_ERROR_TYPES = Set.of(
            "document_parsing_exception", "strict_dynamic_mapping_exception", "mapper_parsing_exception",
            "illegal_argument_exception", "number_format_exception", "json_parse_exception",
            "x_content_parse_exception", "document_source_missing_exception");

    private MappingErrors() {
    }

    /** True when the error (or one of its causes) says the document itself does not fit the mapping. */
    public static boolean isMappingError(ErrorCause error) {
        for (ErrorCause e = error; e != null; e = e.causedBy()) {
            if (e.type() != null && MAPPING_ERROR_TYPES.contains(e.type())) return true;
        }
        return false;
    }
}
