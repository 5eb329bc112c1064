package io.seqlearn.backend;

/** A piece of a parallel loop: handles the indices {@code [from, to)}. */
@FunctionalInterface
public interface RangeBody {
    void run(int from, int to);
}
