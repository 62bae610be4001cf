package io.vigil.indexer;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka record on its way into Elasticsearch: the BulkIngester's per-operation context, handed back to
 * the listener with the outcome. Carries where it came from (topic/partition/offset and the partition's
 * progress, to acknowledge) and the original bytes (for a dead letter).
 */
final class PendingOp {

    final TopicPartition partition;
    final long offset;
    final PartitionProgress progress;
    final byte[] original;
    final IndexDocument.Doc doc;
    final BulkOperation operation;
    private int attempts;

    PendingOp(TopicPartition partition, long offset, PartitionProgress progress, byte[] original, IndexDocument.Doc doc) {
        this.partition = partition;
        this.offset = offset;
        this.progress = progress;
        this.original = original;
        this.doc = doc;
        this.operation = doc == null ? null : BulkOperation.of(b -> b.index(i -> i.index(doc.index()).id(doc.id())
                .document(BinaryData.of(doc.json(), "application/json"))));
    }

    /** Counts a failed attempt and returns the number of the retry about to happen (1 = first). */
    synchronized int nextAttempt() {
        return ++attempts;
    }

    @Override
    public String toString() {
        return partition + "@" + offset + (doc == null ? "" : " -> " + doc.index() + "/" + doc.id());
    }
}
