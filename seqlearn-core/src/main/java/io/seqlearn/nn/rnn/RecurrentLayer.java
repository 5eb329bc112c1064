package io.seqlearn.nn.rnn;

import io.seqlearn.nn.Init;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of {@link RNN}, {@link LSTM} and {@link GRU}: PyTorch parameters ({@code weight_ih_l0},
 * {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}, {@code weight_hr_l0}, {@code _reverse} for
 * the second direction; all U(−1/√H, 1/√H)), input checks, dropout masks, the stateful carry, and the
 * fused whole-sequence kernel ({@link FusedRecurrent}).
 *
 * <p>{@link #forward(Tensor)} returns the output sequence (B, T, D·Hr), or with
 * {@code returnSequences(false)} the last output per sequence (B, D·Hr), as Keras.
 */
public abstract class RecurrentLayer extends Module {
    private final RecurrentSpec spec;
    private final LayerSettings settings;
    private final DirectionWeights[] weights;
    private Rng dropoutRng;
    private Tensor carriedH;
    private Tensor carriedC;
    private Tuning tuning = Tuning.DEFAULT;

    RecurrentLayer(RecurrentSpec spec, LayerSettings settings, Rng rng) {
        this.spec = spec;
        this.settings = settings;
        this.weights = new DirectionWeights[spec.numLayers() * spec.dirs()];
        int g = spec.gateRows(), h = spec.hiddenSize(), out = spec.outSize();
        for (int l = 0; l < spec.numLayers(); l++) {
            for (int d = 0; d < spec.dirs(); d++) {
                String sfx = RecurrentSpec.suffix(l, d);
                Tensor wih = param("weight_ih_" + sfx, rng, g, spec.layerInput(l));
                Tensor whh = param("weight_hh_" + sfx, rng, g, out);
                Tensor bih = spec.bias() ? param("bias_ih_" + sfx, rng, g) : null;
                Tensor bhh = spec.bias() ? param("bias_hh_" + sfx, rng, g) : null;
                Tensor whr = spec.projSize() > 0 ? param("weight_hr_" + sfx, rng, out, h) : null;
                weights[l * spec.dirs() + d] = new DirectionWeights(wih, whh, bih, bhh, whr);
            }
        }
        this.dropoutRng = new Rng(rng.nextLong());
    }

    private Tensor param(String name, Rng rng, int... shape) {
        Tensor t = Init.pytorchDefault(Tensors.zeros(settings.dtype(), shape), rng, spec.hiddenSize());
        return registerParameter(name, t);
    }

    /** Typed forward of the subclass over padded sequences; {@code lengths} (B,) may be null. */
    public abstract RecurrentOutput forward(Tensor x, Tensor lengths);

    /** The output sequence, or the last output per sequence when {@code returnSequences} is false. */
    @Override
    public Tensor forward(Tensor x) {
        RecurrentOutput out = forward(x, null);
        return settings.returnSequences() ? out.output() : lastOutput(out);
    }

    /**
     * The top layer's final hidden state per sequence, directions concatenated: (B, D·Hr). For the forward
     * direction it is the output at each sequence's last valid step; Keras' {@code return_sequences=False}.
     */
    public Tensor lastOutput(RecurrentOutput out) {
        int d = spec.dirs(), l = spec.numLayers();
        Tensor top = out.h().narrow(0, (l - 1) * d, d);
        return top.permute(1, 0, 2).contiguous().reshape(top.size(1), d * spec.outSize());
    }

    /** Runs the fused stack after checking every input; h0/c0 may be null (zeros, or the carried state). */
    final FusedRecurrent.Result run(Tensor x, Tensor lengths, Tensor h0, Tensor c0) {
        String op = spec.op();
        int b = checkInput(x);
        int t = x.size(settings.batchFirst() ? 1 : 0);
        int[] lens = RecurrentChecks.lengths(op, lengths, b, t);
        if (h0 == null && carriedH != null) {
            if (carriedH.size(1) != b) {
                throw new IllegalStateException(op + ": stateful layer carries a state for batch " + carriedH.size(1)
                        + ", got a batch of " + b + "; call resetStates()");
            }
            h0 = carriedH;
            c0 = carriedC;
        }
        int layerDirs = spec.numLayers() * spec.dirs();
        RecurrentChecks.state(op, "h0", h0, x.dtype(), layerDirs, b, spec.outSize());
        if (spec.kind().isLstm()) RecurrentChecks.state(op, "c0", c0, x.dtype(), layerDirs, b, spec.hiddenSize());
        DropoutMasks masks = isTraining() ? drawMasks(t, b) : DropoutMasks.NONE;
        FusedRecurrent.Result r = FusedRecurrent.apply(spec, x, settings.batchFirst(), lens, h0, c0, weights, masks, tuning);
        if (settings.stateful()) {
            carriedH = r.h().detach();
            carriedC = r.c() == null ? null : r.c().detach();
        }
        return r;
    }

    private int checkInput(Tensor x) {
        String op = spec.op();
        String lead = settings.batchFirst() ? "B, T, " : "T, B, ";
        if (x.rank() != 3 || x.size(2) != spec.inputSize()) {
            throw new io.seqlearn.tensor.ShapeException(op + ": input expected (" + lead + spec.inputSize() + "), got "
                    + Shapes.str(x.shapeRef()));
        }
        if (x.size(0) == 0 || x.size(1) == 0) {
            throw new io.seqlearn.tensor.ShapeException(op + ": input has an empty batch or time dimension: "
                    + Shapes.str(x.shapeRef()));
        }
        if (x.dtype() != settings.dtype()) {
            throw new IllegalArgumentException(op + ": input is " + x.dtype() + " but the layer's parameters are "
                    + settings.dtype());
        }
        return x.size(settings.batchFirst() ? 0 : 1);
    }

    private DropoutMasks drawMasks(int t, int b) {
        Buf[] between = null, recurrent = null;
        int width = spec.dirs() * spec.outSize();
        if (settings.dropout() > 0 && spec.numLayers() > 1) {
            between = new Buf[spec.numLayers() - 1];
            for (int l = 0; l < between.length; l++) between[l] = mask(t * b * width, settings.dropout());
        }
        if (settings.recurrentDropout() > 0) {
            recurrent = new Buf[spec.numLayers() * spec.dirs()];
            for (int i = 0; i < recurrent.length; i++) recurrent[i] = mask(b * spec.outSize(), settings.recurrentDropout());
        }
        return between == null && recurrent == null ? DropoutMasks.NONE : new DropoutMasks(between, recurrent);
    }

    /** Inverted-dropout mask: 0 with probability p, else 1/(1 − p). */
    private Buf mask(int n, double p) {
        Buf m = Buf.zeros(settings.dtype(), n);
        double keep = 1.0 / (1.0 - p);
        for (int i = 0; i < n; i++) {
            double v = dropoutRng.uniform() < p ? 0 : keep;
            if (m.isF32()) m.f()[i] = (float) v; else m.d()[i] = v;
        }
        return m;
    }

    /** Restarts the dropout mask sequence from {@code seed} (reproducible masks, e.g. in tests). */
    public void seedDropout(long seed) { dropoutRng = new Rng(seed); }

    /** Forgets the state a stateful layer carries between calls (Keras {@code reset_states}). */
    public void resetStates() {
        carriedH = null;
        carriedC = null;
    }

    /** Final h carried by a stateful layer (detached), or null. */
    public Tensor carriedH() { return carriedH; }

    /** Final c carried by a stateful LSTM (detached), or null. */
    public Tensor carriedC() { return carriedC; }

    /** The parameters of layer {@code layer}, direction {@code dir}, in PyTorch order (w_ih, w_hh, b_ih, b_hh, w_hr). */
    public List<Tensor> parameters(int layer, int dir) {
        return new ArrayList<>(List.of(weights[layer * spec.dirs() + dir].all()));
    }

    public int inputSize() { return spec.inputSize(); }

    public int hiddenSize() { return spec.hiddenSize(); }

    public int numLayers() { return spec.numLayers(); }

    public boolean bidirectional() { return spec.bidirectional(); }

    public boolean batchFirst() { return settings.batchFirst(); }

    /** Whether {@link #forward(Tensor)} returns the whole sequence (else the last output). */
    public boolean returnSequences() { return settings.returnSequences(); }

    /** Whether the final state is carried into the next call. */
    public boolean stateful() { return settings.stateful(); }

    /** Width of each output step: D·Hr. */
    public int outputSize() { return spec.dirs() * spec.outSize(); }

    RecurrentSpec spec() { return spec; }

    /** Tests: force the reference or the fast kernels. */
    void useTuning(Tuning t) { this.tuning = t; }
}
