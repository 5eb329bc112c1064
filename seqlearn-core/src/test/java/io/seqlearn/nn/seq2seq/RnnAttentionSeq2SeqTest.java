package io.seqlearn.nn.seq2seq;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.decode.BeamSearch;
import io.seqlearn.decode.Greedy;
import io.seqlearn.decode.Hypothesis;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RnnAttentionSeq2SeqTest {
    private static RnnAttentionSeq2Seq.Config config(RnnAttentionSeq2Seq.Attention a, DType dtype) {
        return new RnnAttentionSeq2Seq.Config(10, 10, 16, 32, 1, true, 48, 32, a, dtype);
    }

    @Test void bidirectionalGruWithBahdanauAttentionLearnsToReverse() {
        ReverseTask task = new ReverseTask(10, 5, 8);
        Rng rng = new Rng(7);
        var model = new RnnAttentionSeq2Seq(config(RnnAttentionSeq2Seq.Attention.BAHDANAU, DType.F32), rng);
        Adam opt = new Adam(model.parameters(), 5e-3);
        var ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true).withIgnoreIndex(ReverseTask.PAD));
        double loss = Double.NaN;
        for (int step = 0; step < 1500; step++) {
            var b = task.batch(32, rng);
            Tensor l = ce.apply(model.forward(b.src(), b.tgtIn(), b.lengths()), b.tgtOut());
            opt.zeroGrad();
            l.backward();
            opt.step();
            loss = l.item();
            if (step % 50 == 49 && loss < 0.02 && accuracy(model, task, new Rng(step), 256) == 1.0) break;
        }
        model.eval();
        double acc = accuracy(model, task, new Rng(78), 300);
        assertTrue(acc >= 0.99, "exact-sequence accuracy " + acc + " (last loss " + loss + ")");
    }

    static double accuracy(RnnAttentionSeq2Seq model, ReverseTask task, Rng rng, int n) {
        var b = task.batch(n, rng);
        int[] starts = new int[n];
        Arrays.fill(starts, ReverseTask.BOS);
        List<Hypothesis> hyps = Greedy.decode(model.stepModel(), model.initialState(b.src(), b.lengths()), starts, ReverseTask.EOS, task.maxLen + 1);
        int ok = 0;
        for (int i = 0; i < n; i++) if (hyps.get(i).finished() && ReverseTask.isReverse(b.sources()[i], hyps.get(i).tokens())) ok++;
        return ok / (double) n;
    }

    @Test void bidirectionalLstmWithLuongAttentionLearnsToReverse() {
        ReverseTask task = new ReverseTask(10, 5, 8);
        Rng rng = new Rng(8);
        var model = new RnnAttentionSeq2Seq(config(RnnAttentionSeq2Seq.Attention.LUONG_GENERAL, DType.F32)
                .withCell(RnnAttentionSeq2Seq.Cell.LSTM), rng);
        assertTrue(model.stateDict().containsKey("encoder.weight_hh_l0_reverse"));
        assertTrue(model.stateDict().containsKey("bridge_c.weight"));
        Adam opt = new Adam(model.parameters(), 5e-3);
        var ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true).withIgnoreIndex(ReverseTask.PAD));
        double loss = Double.NaN;
        for (int step = 0; step < 1500; step++) {
            var b = task.batch(32, rng);
            Tensor l = ce.apply(model.forward(b.src(), b.tgtIn(), b.lengths()), b.tgtOut());
            opt.zeroGrad();
            l.backward();
            opt.step();
            loss = l.item();
            if (step % 50 == 49 && loss < 0.02 && accuracy(model, task, new Rng(step), 256) == 1.0) break;
        }
        model.eval();
        double acc = accuracy(model, task, new Rng(79), 300);
        assertTrue(acc >= 0.99, "exact-sequence accuracy " + acc + " (last loss " + loss + ")");
    }

    @Test void gradCheckLstmEncoderDecoder() {
        ReverseTask task = new ReverseTask(10, 2, 3);
        var b = task.batch(2, new Rng(1));
        Tensor src = b.src().to(DType.F64), tgtIn = b.tgtIn().to(DType.F64);
        var m = new RnnAttentionSeq2Seq(new RnnAttentionSeq2Seq.Config(10, 10, 3, 2, 1, true, 4, 3,
                RnnAttentionSeq2Seq.Attention.BAHDANAU, DType.F64, RnnAttentionSeq2Seq.Cell.LSTM), new Rng(3));
        Tensor[] ps = m.parameters().toArray(new Tensor[0]);
        GradCheck.check(in -> m.forward(src, tgtIn, b.lengths()), ps);
    }

    @Test void gradCheckEveryAttentionKindThroughTheWholeModel() {
        ReverseTask task = new ReverseTask(10, 2, 3);
        var b = task.batch(2, new Rng(1));
        Tensor src = b.src().to(DType.F64), tgtIn = b.tgtIn().to(DType.F64);
        for (var kind : RnnAttentionSeq2Seq.Attention.values()) {
            var m = new RnnAttentionSeq2Seq(new RnnAttentionSeq2Seq.Config(10, 10, 3, 2, 1, true, 4, 3, kind, DType.F64), new Rng(3));
            Tensor[] ps = m.parameters().toArray(new Tensor[0]);
            GradCheck.check(in -> m.forward(src, tgtIn, b.lengths()), ps);
        }
    }

    @Test void stepModelMatchesTeacherForcingAndBeamOfOneIsGreedy() {
        ReverseTask task = new ReverseTask(10, 5, 8);
        Rng rng = new Rng(4);
        var model = new RnnAttentionSeq2Seq(config(RnnAttentionSeq2Seq.Attention.LUONG_GENERAL, DType.F64)
                .withCell(RnnAttentionSeq2Seq.Cell.LSTM), rng);
        var b = task.batch(1, rng);
        Tensor src = b.src().to(DType.F64);
        Hypothesis g = Greedy.decode(model.stepModel(), model.initialState(src, b.lengths()), new int[]{ReverseTask.BOS}, -1, 5).get(0);
        double[] in = new double[6];
        in[0] = ReverseTask.BOS;
        for (int t = 0; t < 5; t++) in[t + 1] = g.tokens()[t];
        Tensor logp = model.forward(src, Tensor.of(in, 1, 6), b.lengths()).logSoftmax(-1);
        double total = 0;
        for (int t = 0; t < 5; t++) total += logp.get(0, t, g.tokens()[t]);
        assertEquals(total, g.logProb(), 1e-10);
        Hypothesis beam = BeamSearch.search(model.stepModel(), model.initialState(src, b.lengths()), ReverseTask.BOS, BeamSearch.Options.of(1, 5, -1)).get(0);
        assertArrayEquals(g.tokens(), beam.tokens());
        Hypothesis beam3 = BeamSearch.search(model.stepModel(), model.initialState(src, b.lengths()), ReverseTask.BOS, BeamSearch.Options.of(3, 5, -1)).get(0);
        assertTrue(beam3.logProb() >= g.logProb() - 1e-12);
    }

    @Test void namesAndPaddingInvariance() {
        var model = new RnnAttentionSeq2Seq(config(RnnAttentionSeq2Seq.Attention.BAHDANAU, DType.F64), new Rng(2));
        assertTrue(model.stateDict().containsKey("encoder.weight_ih_l0_reverse"));
        assertTrue(model.stateDict().containsKey("attention.v.weight"));
        // extra padding columns after a sequence change nothing
        Tensor src = Tensors.indices(DType.F64, new int[]{3, 4, 5, 0, 0, 0}, 1, 6), tgt = Tensors.indices(DType.F64, new int[]{1, 5, 4}, 1, 3);
        Tensor a = model.forward(src, tgt, new int[]{3});
        Tensor bb = model.forward(src.narrow(1, 0, 4), tgt, new int[]{3});
        assertArrayEquals(a.toDoubleArray(), bb.toDoubleArray(), 1e-12);
    }
}
