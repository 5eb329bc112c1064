package io.seqlearn.nn.rnn;

/**
 * The shape of a recurrent stack, shared by the module and the fused kernels.
 *
 * @param kind        cell family
 * @param inputSize   I, features of the input
 * @param hiddenSize  H, cell width
 * @param projSize    LSTM projection width (0 = none); the emitted state then has this width
 * @param numLayers   L, stacked layers
 * @param bidirectional whether each layer also runs in reverse (D = 2)
 * @param bias        whether the layer has {@code bias_ih}/{@code bias_hh}
 */
record RecurrentSpec(CellKind kind, int inputSize, int hiddenSize, int projSize, int numLayers,
                     boolean bidirectional, boolean bias) {

    RecurrentSpec {
        String op = kind.opName();
        if (inputSize <= 0) throw new IllegalArgumentException(op + ": inputSize must be positive, got " + inputSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException(op + ": hiddenSize must be positive, got " + hiddenSize);
        if (numLayers <= 0) throw new IllegalArgumentException(op + ": numLayers must be positive, got " + numLayers);
        if (projSize < 0 || (projSize > 0 && (kind != CellKind.LSTM || projSize >= hiddenSize))) {
            throw new IllegalArgumentException(op + ": projSize must be 0 or in [1, hiddenSize) and only for LSTM, got "
                    + projSize);
        }
    }

    /** D: 2 when bidirectional, else 1. */
    int dirs() { return bidirectional ? 2 : 1; }

    /** Hr: width of the emitted hidden state (projSize when projecting, else H). */
    int outSize() { return projSize > 0 ? projSize : hiddenSize; }

    /** Input width of layer {@code l}: I for the first layer, D·Hr above it. */
    int layerInput(int l) { return l == 0 ? inputSize : dirs() * outSize(); }

    /** Rows of weight_ih / weight_hh: gates·H. */
    int gateRows() { return kind.gates() * hiddenSize; }

    String op() { return kind.opName(); }

    /** PyTorch's parameter-name suffix: {@code l0}, {@code l1_reverse}. */
    static String suffix(int layer, int dir) { return "l" + layer + (dir == 1 ? "_reverse" : ""); }
}
