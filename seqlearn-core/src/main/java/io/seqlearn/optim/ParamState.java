package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optimizer state of one parameter, as an entry of {@code torch.optim.Optimizer.state}: the number of
 * updates it has received and named buffers of the parameter's shape and dtype (e.g. {@code exp_avg}),
 * created on first use. Buffers are contiguous with offset 0, so update loops index them directly.
 */
public final class ParamState {
    private final Tensor param;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private long step;

    ParamState(Tensor param) { this.param = param; }

    /** Updates applied so far (1 during the first update). */
    public long step() { return step; }

    void setStep(long step) { this.step = step; }

    void increment() { step++; }

    /** True if the buffer exists (e.g. a momentum buffer after the first step). */
    public boolean has(String name) { return buffers.containsKey(name); }

    /** The named buffer, created filled with {@code init} on first use. */
    public Tensor buffer(String name, double init) {
        return buffers.computeIfAbsent(name, k -> param.newFull(init, param.shapeRef()));
    }

    /** Storage of an F32 buffer (created zero-filled on first use). */
    public float[] f(String name) { return buffer(name, 0).dataF(); }

    /** Storage of an F64 buffer (created zero-filled on first use). */
    public double[] d(String name) { return buffer(name, 0).dataD(); }

    /** Live view of the buffers by name. */
    Map<String, Tensor> buffers() { return Collections.unmodifiableMap(buffers); }

    void put(String name, Tensor value) { buffers.put(name, value); }

    void clear() {
        buffers.clear();
        step = 0;
    }
}
