package io.seqlearn.nn.rnn;

/**
 * Elman RNN step, {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)} with act = tanh or relu (PyTorch
 * {@code nonlinearity}). Saved per (t, b): h' itself, which is all backward needs:
 * da = dh'·(1 − h'²) for tanh, dh'·[h' > 0] for relu.
 */
final class RnnKernel implements CellKernel {
    static final RnnKernel TANH = new RnnKernel(false);
    static final RnnKernel RELU = new RnnKernel(true);

    private final boolean relu;

    private RnnKernel(boolean relu) { this.relu = relu; }

    @Override
    public void forward(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        if (a.g.isF32()) {
            float[] g = a.g.f(), rec = a.rec.f(), out = a.hOut.f();
            for (int r = r0; r < r1; r++) {
                int gp = a.gRow[r] * a.gWidth, rp = r * h;
                for (int j = 0; j < h; j++) {
                    float x = g[gp + j] + rec[rp + j];
                    float y = relu ? Math.max(x, 0f) : (float) Math.tanh(x);
                    out[rp + j] = y;
                    if (a.save) g[gp + j] = y;
                }
            }
        } else {
            double[] g = a.g.d(), rec = a.rec.d(), out = a.hOut.d();
            for (int r = r0; r < r1; r++) {
                int gp = a.gRow[r] * a.gWidth, rp = r * h;
                for (int j = 0; j < h; j++) {
                    double x = g[gp + j] + rec[rp + j];
                    double y = relu ? Math.max(x, 0.0) : Math.tanh(x);
                    out[rp + j] = y;
                    if (a.save) g[gp + j] = y;
                }
            }
        }
    }

    @Override
    public void backward(StepArgs a, int r0, int r1) {
        final int h = a.hidden;
        if (a.g.isF32()) {
            float[] g = a.g.f(), dh = a.dh.f(), dgs = a.dgs.f();
            for (int r = r0; r < r1; r++) {
                int gp = a.tb[r] * h, rp = r * h;
                for (int j = 0; j < h; j++) {
                    float y = g[gp + j], d = dh[rp + j];
                    float da = relu ? (y > 0 ? d : 0f) : d * (1 - y * y);
                    g[gp + j] = da;
                    dgs[rp + j] = da;
                }
            }
        } else {
            double[] g = a.g.d(), dh = a.dh.d(), dgs = a.dgs.d();
            for (int r = r0; r < r1; r++) {
                int gp = a.tb[r] * h, rp = r * h;
                for (int j = 0; j < h; j++) {
                    double y = g[gp + j], d = dh[rp + j];
                    double da = relu ? (y > 0 ? d : 0.0) : d * (1 - y * y);
                    g[gp + j] = da;
                    dgs[rp + j] = da;
                }
            }
        }
    }
}
