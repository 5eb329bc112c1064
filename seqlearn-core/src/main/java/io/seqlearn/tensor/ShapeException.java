package io.seqlearn.tensor;

/** A shape, rank or dtype that does not fit an op; the message names the op, expected and actual. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) { super(message); }
}
