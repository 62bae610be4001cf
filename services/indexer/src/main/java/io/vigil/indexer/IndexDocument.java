package io.vigil.indexer;

import io.vigil.topics.indices.IndexFamily;

/**
 * What one Kafka record becomes: a document to index, nothing (a tombstone), or a rejection for the dead-letter
 * topic.
 */
sealed interface IndexDocument {

    /** @param json the document body (UTF-8 JSON) */
    record Doc(IndexFamily family, String index, String id, byte[] json) implements IndexDocument {
    }

    /** Nothing to index (a tombstone on a compacted topic). */
    record Skip(String why) implements IndexDocument {
    }

    /** The record cannot be indexed: dead-letter it. */
    record Reject(String reason, String errorType) implements IndexDocument {
    }
}
