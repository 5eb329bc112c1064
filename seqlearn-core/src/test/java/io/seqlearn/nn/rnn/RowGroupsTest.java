package io.seqlearn.nn.rnn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RowGroupsTest {

    @Test
    void equalLengthsSplitTheBatchEvenly() {
        assertArrayEquals(new int[]{0, 16, 32}, RowGroups.split(new StepPlan(32, 50, null), 2, 6));
        assertArrayEquals(new int[]{0, 11, 22, 33}, RowGroups.split(new StepPlan(33, 5, null), 3, 6));
    }

    @Test
    void fewRowsOrOneThreadKeepTheUnitSplit() {
        assertNull(RowGroups.split(new StepPlan(11, 50, null), 2, 6));
        assertArrayEquals(new int[]{0, 64}, RowGroups.split(new StepPlan(64, 50, null), 1, 6));
        assertNull(RowGroups.split(new StepPlan(11, 50, null), 1, 6));
    }

    @Test
    void raggedBatchesAreBalancedByWork() {
        // sorted lengths 9, 9, 1, 1, 1, 1: total 22, the first two rows already hold 18 of it
        int[] g = RowGroups.split(new StepPlan(6, 9, new int[]{1, 9, 1, 1, 9, 1}), 2, 1);
        assertArrayEquals(new int[]{0, 2, 6}, g);
    }
}
