package io.seqlearn.layers;

import io.seqlearn.tensor.Seeds;
import io.seqlearn.nn.rnn.RecurrentLayer;
import io.seqlearn.nn.rnn.RecurrentOutput;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.ops.F;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of the Keras-style recurrent layers {@link LSTM}, {@link GRU} and {@link SimpleRNN}: one layer of
 * {@code units} over a (B, T, I) batch, I inferred, running the fused kernels of {@code io.seqlearn.nn.rnn}.
 *
 * <p>Outputs, as Keras: with {@code returnSequences} the sequence (B, T, units), else the last valid output
 * per sequence (B, units); with {@code returnState} the final states follow, each (B, units): h (and c for
 * LSTM) — for a {@link Bidirectional} layer forward then backward.
 *
 * <p>Inputs by role: {@value Layer#X}; {@code "lengths"} (B,) integers in [1, T] (right-padded batches); the
 * initial states {@code "initial_h"} (and {@code "initial_c"}), each (B, units), with {@code _reverse}
 * variants for the backward direction. Without lengths, a mask from {@code Embedding(maskZero)} gives them
 * (its count of valid steps; an all-padding row counts as length 1). Outputs past a sequence's length are 0.
 *
 * <p>{@code recurrentDropout} (Keras' {@code recurrent_dropout}: one mask on h_{t−1} per sequence) is drawn
 * from the per-step seed, so it is repeatable and resumable.
 */
public abstract class Recurrent extends Layer {
    /** Role of the (B,) sequence lengths. */
    public static final String LENGTHS = "lengths";
    public static final String INITIAL_H = "initial_h";
    public static final String INITIAL_C = "initial_c";

    protected final int units;
    protected final boolean returnSequences;
    protected final boolean returnState;
    protected final double recurrentDropout;
    private boolean bidirectional;
    private String mergeMode = "concat";
    private RecurrentLayer rnn;

    protected Recurrent(int units, boolean returnSequences, boolean returnState, double recurrentDropout) {
        if (units < 1) throw new IllegalArgumentException(nameStem() + ": units must be >= 1, got " + units);
        if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
            throw new IllegalArgumentException(nameStem() + ": recurrent dropout must be in [0, 1), got " + recurrentDropout);
        }
        this.units = units;
        this.returnSequences = returnSequences;
        this.returnState = returnState;
        this.recurrentDropout = recurrentDropout;
    }

    /** Makes the wrapped whole-sequence module. */
    protected abstract RecurrentLayer makeModule(int inputSize, boolean bidirectional, Rng rng);

    /** Runs the module; {@code h0}/{@code c0} are (D, B, units) or null. */
    protected abstract RecurrentOutput runModule(RecurrentLayer module, Tensor x, Tensor lengths, Tensor h0, Tensor c0);

    /** The final states of an output, in order (h, c for LSTM), each (D, B, units). */
    protected abstract List<Tensor> states(RecurrentOutput out);

    /** How many state tensors per direction (2 for LSTM). */
    protected abstract int stateCount();

    /** Gate blocks per step: 4 (LSTM), 3 (GRU), 1 (SimpleRNN). */
    protected abstract int gates();

    @Override
    public long plannedWeightCount(int[] inputShape) {
        long in = featureSize(inputShape);
        long perDirection = Math.multiplyExact((long) gates() * units, Math.addExact(in, units + 2L));
        return Math.multiplyExact(perDirection, dirs());
    }

    /** Used by {@link Bidirectional} before build. */
    void makeBidirectional(String mode) {
        if (isBuilt()) throw new IllegalStateException(label() + ": already built; wrap it in Bidirectional before use");
        this.bidirectional = true;
        this.mergeMode = mode;
    }

    private int dirs() { return bidirectional ? 2 : 1; }

    @Override
    public Set<String> inputRoles() {
        Set<String> r = new LinkedHashSet<>(List.of(X, LENGTHS, INITIAL_H));
        if (stateCount() == 2) r.add(INITIAL_C);
        if (bidirectional) {
            r.add(INITIAL_H + "_reverse");
            if (stateCount() == 2) r.add(INITIAL_C + "_reverse");
        }
        return r;
    }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {
        if (inputShape.length != 3) {
            throw new ShapeException(label() + ": input expected (B, T, features), got " + SymbolicShapes.str(inputShape));
        }
        rnn = adopt(makeModule(featureSize(inputShape), bidirectional, rng));
    }

    @Override
    protected void checkInputShape(int[] shape) {
        if (shape.length != 3 || (shape[2] >= 0 && shape[2] != rnn.inputSize())) {
            throw new ShapeException(label() + ": input expected (B, T, " + rnn.inputSize() + "), got " + SymbolicShapes.str(shape));
        }
    }

    private int mergedWidth() { return bidirectional && !mergeMode.equals("concat") ? units : dirs() * units; }

    @Override
    public List<int[]> outputShapes(Map<String, int[]> in) {
        int[] x = in.get(X);
        List<int[]> out = new ArrayList<>();
        out.add(returnSequences ? new int[]{x[0], x[1], mergedWidth()} : new int[]{x[0], mergedWidth()});
        if (returnState) for (int i = 0; i < dirs() * stateCount(); i++) out.add(new int[]{x[0], units});
        return out;
    }

    @Override
    public void setStepSeed(long stepSeed) {
        super.setStepSeed(stepSeed);
        if (rnn != null) rnn.seedDropout(Seeds.mix(stepSeed, "recurrent_dropout"));
    }

    @Override
    protected List<Tensor> compute(Map<String, Tensor> inputs, Tensor mask) {
        Tensor x = inputs.get(X);
        Tensor lengths = inputs.get(LENGTHS);
        if (lengths == null && mask != null) lengths = MaskLengths.of(label(), mask, x.size(0), x.size(1));
        Tensor h0 = initial(inputs, INITIAL_H, x.size(0));
        Tensor c0 = stateCount() == 2 ? initial(inputs, INITIAL_C, x.size(0)) : null;
        RecurrentOutput out = runModule(rnn, x, lengths, h0, c0);
        List<Tensor> result = new ArrayList<>();
        result.add(merge(returnSequences ? out.output() : rnn.lastOutput(out)));
        if (returnState) {
            List<Tensor> st = states(out);
            for (int d = 0; d < dirs(); d++) for (Tensor s : st) result.add(s.select(0, d));
        }
        return result;
    }

    /** Keras initial states (B, units) per direction → the module's (D, B, units); null when not given. */
    private Tensor initial(Map<String, Tensor> inputs, String role, int batch) {
        Tensor fwd = inputs.get(role);
        Tensor bwd = bidirectional ? inputs.get(role + "_reverse") : null;
        if (fwd == null && bwd == null) return null;
        if (bidirectional && (fwd == null || bwd == null)) {
            throw new IllegalArgumentException(label() + ": give both " + role + " and " + role + "_reverse, or neither");
        }
        List<Tensor> per = new ArrayList<>();
        for (Tensor s : bidirectional ? List.of(fwd, bwd) : List.of(fwd)) {
            if (s.rank() != 2 || s.size(0) != batch || s.size(1) != units) {
                throw new ShapeException(label() + ": " + role + " expected (" + batch + ", " + units + "), got "
                        + io.seqlearn.tensor.Shapes.str(s.shapeRef()));
            }
            per.add(s);
        }
        return F.stack(per, 0);
    }

    /** Bidirectional merge of (…, 2·units) into (…, units) for "sum", "mul", "ave"; "concat" keeps it. */
    private Tensor merge(Tensor y) {
        if (!bidirectional || mergeMode.equals("concat")) return y;
        Tensor f = y.narrow(-1 + y.rank(), 0, units), b = y.narrow(y.rank() - 1, units, units);
        return switch (mergeMode) {
            case "sum" -> f.add(b);
            case "mul" -> f.mul(b);
            case "ave" -> f.add(b).mul(0.5);
            default -> throw new IllegalStateException("merge mode " + mergeMode);
        };
    }

    @Override
    protected Tensor computeMask(Map<String, Tensor> inputs, Tensor mask) { return returnSequences ? mask : null; }

    public int units() { return units; }

    public boolean returnSequences() { return returnSequences; }

    public boolean returnState() { return returnState; }

    /** The wrapped module (null before build). */
    public RecurrentLayer module() { return rnn; }

    /** Common config keys; subclasses add theirs. */
    protected Map<String, Object> baseConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("recurrent_dropout", recurrentDropout);
        return c;
    }
}
