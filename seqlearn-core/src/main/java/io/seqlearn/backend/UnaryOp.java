package io.seqlearn.backend;

/** Element-wise unary operations a backend implements. */
public enum UnaryOp {
    NEG, EXP, LOG, TANH, SIGMOID, RELU, SQRT, ABS, SQUARE, RECIPROCAL, GELU,
    /** derivative helpers: tanh'(y) given y = tanh(x): 1 - y^2 */
    TANH_GRAD_FROM_Y,
    /** sigmoid'(y) given y = sigmoid(x): y (1 - y) */
    SIGMOID_GRAD_FROM_Y
}
