package io.seqlearn.data.text;

import java.util.Arrays;

/** A growable int array (no boxing). */
final class IntList {
    private int[] a;
    private int n;

    IntList() { this(8); }

    IntList(int capacity) { a = new int[Math.max(capacity, 1)]; }

    void add(int v) {
        if (n == a.length) a = Arrays.copyOf(a, n * 2);
        a[n++] = v;
    }

    void addAll(int[] vs) {
        if (n + vs.length > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, n + vs.length));
        System.arraycopy(vs, 0, a, n, vs.length);
        n += vs.length;
    }

    void clear() { n = 0; }

    int get(int i) { return a[i]; }

    int size() { return n; }

    int[] toArray() { return Arrays.copyOf(a, n); }
}
