package io.seqlearn.nn.rnn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * The unfused reference: a recurrent stack unrolled step by step with ordinary tensor ops over the
 * layer's own parameter tensors (so autograd gives reference gradients for the very same leaves).
 * Ragged batches: a row past its length keeps its state and emits zeros; the reverse direction reads
 * x[len − 1 − s] at step s. Batch-first input only. No dropout.
 */
final class UnrolledReference {
    private UnrolledReference() {}

    record Out(Tensor output, Tensor h, Tensor c) {}

    static Out run(RecurrentLayer layer, Tensor x, int[] lengths, Tensor h0, Tensor c0) {
        RecurrentSpec spec = layer.spec();
        int b = x.size(0), t = x.size(1);
        int[] lens = lengths != null ? lengths : full(b, t);
        List<Tensor> hs = new ArrayList<>(), cs = new ArrayList<>();
        Tensor in = x;
        for (int l = 0; l < spec.numLayers(); l++) {
            List<Tensor> dirOutputs = new ArrayList<>();
            for (int d = 0; d < spec.dirs(); d++) {
                int ld = l * spec.dirs() + d;
                List<Tensor> p = layer.parameters(l, d);
                Tensor h = h0 != null ? h0.select(0, ld) : Tensors.zeros(x.dtype(), b, spec.outSize());
                Tensor c = c0 != null ? c0.select(0, ld) : Tensors.zeros(x.dtype(), b, spec.hiddenSize());
                Tensor[][] grid = new Tensor[b][t];
                for (int s = 0; s < t; s++) {
                    Tensor xs = gatherStep(in, lens, s, d == 1);
                    Tensor[] next = step(spec, p, xs, h, c);
                    Tensor m = activeMask(x, lens, s);
                    Tensor keep = m.neg().add(1.0);
                    h = next[0].mul(m).add(h.mul(keep));
                    if (next[1] != null) c = next[1].mul(m).add(c.mul(keep));
                    Tensor y = next[0].mul(m);
                    for (int bi = 0; bi < b; bi++) {
                        if (s < lens[bi]) grid[bi][d == 1 ? lens[bi] - 1 - s : s] = y.select(0, bi);
                    }
                }
                Tensor zero = Tensors.zeros(x.dtype(), spec.outSize());
                List<Tensor> rows = new ArrayList<>();
                for (int bi = 0; bi < b; bi++) {
                    List<Tensor> steps = new ArrayList<>();
                    for (int s = 0; s < t; s++) steps.add(grid[bi][s] != null ? grid[bi][s] : zero);
                    rows.add(F.stack(steps, 0));
                }
                dirOutputs.add(F.stack(rows, 0));
                hs.add(h);
                cs.add(c);
            }
            in = dirOutputs.size() == 1 ? dirOutputs.get(0) : F.concat(dirOutputs, 2);
        }
        Tensor hN = F.stack(hs, 0);
        Tensor cN = spec.kind().isLstm() ? F.stack(cs, 0) : null;
        return new Out(in, hN, cN);
    }

    private static int[] full(int b, int t) {
        int[] l = new int[b];
        java.util.Arrays.fill(l, t);
        return l;
    }

    /** (B, 1) with 1 where step s is within the sequence. */
    private static Tensor activeMask(Tensor x, int[] lens, int s) {
        Tensor m = Tensors.zeros(x.dtype(), lens.length, 1);
        for (int b = 0; b < lens.length; b++) m.set(s < lens[b] ? 1 : 0, b, 0);
        return m;
    }

    /** (B, I): row b is x[b, s] forward or x[b, len_b − 1 − s] reverse (clamped to 0 when finished). */
    private static Tensor gatherStep(Tensor in, int[] lens, int s, boolean reverse) {
        List<Tensor> rows = new ArrayList<>();
        for (int b = 0; b < lens.length; b++) {
            int t = reverse ? Math.max(lens[b] - 1 - s, 0) : Math.min(s, in.size(1) - 1);
            rows.add(in.select(0, b).select(0, t));
        }
        return F.stack(rows, 0);
    }

    /** One step of the cell math with plain ops; returns {h', c'} (c' null except LSTM). */
    static Tensor[] step(RecurrentSpec spec, List<Tensor> p, Tensor x, Tensor h, Tensor c) {
        Tensor wih = p.get(0), whh = p.get(1);
        Tensor bih = spec.bias() ? p.get(2) : null, bhh = spec.bias() ? p.get(3) : null;
        Tensor gi = F.linear(x, wih, bih), gh = F.linear(h, whh, bhh);
        switch (spec.kind()) {
            case RNN_TANH: return new Tensor[]{gi.add(gh).tanh(), null};
            case RNN_RELU: return new Tensor[]{gi.add(gh).relu(), null};
            case GRU: {
                List<Tensor> a = F.chunk(gi, 3, 1), r = F.chunk(gh, 3, 1);
                Tensor rg = a.get(0).add(r.get(0)).sigmoid(), zg = a.get(1).add(r.get(1)).sigmoid();
                Tensor n = a.get(2).add(rg.mul(r.get(2))).tanh();
                return new Tensor[]{h.sub(n).mul(zg).add(n), null};
            }
            default: {
                List<Tensor> g = F.chunk(gi.add(gh), 4, 1);
                Tensor cn = g.get(1).sigmoid().mul(c).add(g.get(0).sigmoid().mul(g.get(2).tanh()));
                Tensor hn = g.get(3).sigmoid().mul(cn.tanh());
                if (spec.projSize() > 0) hn = F.linear(hn, p.get(p.size() - 1), null);
                return new Tensor[]{hn, cn};
            }
        }
    }
}
