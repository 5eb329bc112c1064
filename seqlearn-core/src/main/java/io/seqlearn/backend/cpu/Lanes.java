package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Horizontal sums in a fixed lane order. {@code reduceLanes(ADD)} leaves the order of floating-point additions
 * unspecified, and the interpreter and the JIT-compiled code do pick different orders, so the same sum could
 * change mid-run. A fixed left-to-right order keeps every run bit-for-bit repeatable (seeded training and
 * kill-and-resume depend on it).
 */
final class Lanes {
    private Lanes() {}

    static float sum(FloatVector v) {
        float s = 0;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    static double sum(DoubleVector v) {
        double s = 0;
        for (int i = 0; i < v.length(); i++) s += v.lane(i);
        return s;
    }
}
