package io.vigil.indexer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionProgressTest {

    @Test
    void commitsOnlyUpToTheLowestUnacknowledgedOffset() {
        PartitionProgress p = new PartitionProgress();
        assertThat(p.committable()).isEqualTo(-1);
        p.dispatched(10);
        p.dispatched(11);
        p.dispatched(14); // gaps happen: transaction markers, compaction
        assertThat(p.committable()).isEqualTo(10);
        p.acked(11);
        p.acked(14);
        assertThat(p.committable()).as("10 is not acknowledged yet").isEqualTo(10);
        p.acked(10);
        assertThat(p.committable()).isEqualTo(15);
    }

    @Test
    void toCommitReportsOnlyProgress() {
        PartitionProgress p = new PartitionProgress();
        p.dispatched(0);
        assertThat(p.toCommit()).isEqualTo(0);
        p.markCommitted(0);
        assertThat(p.toCommit()).isEqualTo(-1);
        p.acked(0);
        assertThat(p.toCommit()).isEqualTo(1);
    }

    @Test
    void revokeDropsInFlightAndLateAcksChangeNothing() {
        PartitionProgress p = new PartitionProgress();
        p.dispatched(1);
        p.dispatched(2);
        assertThat(p.revoke()).isEqualTo(2);
        assertThat(p.revoked()).isTrue();
        assertThat(p.acked(1)).isFalse();
        assertThat(p.acked(1)).isFalse();
    }

    @Test
    void secondAckOfTheSameOffsetIsNotCountedTwice() {
        PartitionProgress p = new PartitionProgress();
        p.dispatched(5);
        assertThat(p.acked(5)).isTrue();
        assertThat(p.acked(5)).isFalse();
    }

    @Test
    void offsetsMustArriveInOrder() {
        PartitionProgress p = new PartitionProgress();
        p.dispatched(5);
        assertThatThrownBy(() -> p.dispatched(4)).isInstanceOf(IllegalStateException.class);
    }
}
