package io.seqlearn.backend;

/** Element-wise binary operations a backend implements over equal-length buffers. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN, POW
}
