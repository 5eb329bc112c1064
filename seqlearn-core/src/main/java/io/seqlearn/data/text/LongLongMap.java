package io.seqlearn.data.text;

import java.util.Arrays;

/**
 * Open-addressing hash map from long keys to long values (linear probing, backward-shift deletion); the
 * pair-count table of BPE training, where boxed maps would dominate the run time.
 */
final class LongLongMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private long[] values;
    private int size;
    private int mask;

    LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        values = new long[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    int size() { return size; }

    /** The value for {@code key}, or {@code missing}. */
    long get(long key, long missing) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (keys[i] == key) return values[i];
            if (keys[i] == EMPTY) return missing;
        }
    }

    void put(long key, long value) {
        int i = slot(key);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == EMPTY) {
            keys[i] = key;
            if (++size * 2 > keys.length) {
                values[i] = value;
                grow();
                return;
            }
        }
        values[i] = value;
    }

    /** Adds {@code delta} to the value (absent counts as 0) and returns the new value. */
    long add(long key, long delta) {
        long v = get(key, 0) + delta;
        put(key, v);
        return v;
    }

    void remove(long key) {
        int i = slot(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) return;
            i = (i + 1) & mask;
        }
        size--;
        // Backward-shift deletion keeps probe chains intact without tombstones.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) break;
            int home = slot(keys[j]);
            boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!between) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = EMPTY;
    }

    /** Calls {@code f} for every entry (order unspecified). */
    void forEach(Entry f) {
        for (int i = 0; i < keys.length; i++) if (keys[i] != EMPTY) f.accept(keys[i], values[i]);
    }

    interface Entry {
        void accept(long key, long value);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] k = keys;
        long[] v = values;
        keys = new long[k.length * 2];
        values = new long[k.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < k.length; i++) if (k[i] != EMPTY) put(k[i], v[i]);
    }
}
