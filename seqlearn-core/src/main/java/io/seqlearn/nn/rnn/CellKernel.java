package io.seqlearn.nn.rnn;

/**
 * The fused pointwise part of one recurrent step over running rows [r0, r1): gate nonlinearities, the new
 * state, and (backward) the pre-activation gradients dG. The GEMMs around it belong to the orchestration.
 * Implementations hold no state, so rows may be split across threads.
 */
interface CellKernel {
    void forward(StepArgs a, int r0, int r1);

    void backward(StepArgs a, int r0, int r1);

    static CellKernel of(CellKind kind) {
        return switch (kind) {
            case LSTM -> LstmKernel.INSTANCE;
            case GRU -> GruKernel.INSTANCE;
            case RNN_TANH -> RnnKernel.TANH;
            case RNN_RELU -> RnnKernel.RELU;
        };
    }
}
