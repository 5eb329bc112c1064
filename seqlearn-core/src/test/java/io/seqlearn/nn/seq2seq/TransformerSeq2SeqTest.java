package io.seqlearn.nn.seq2seq;

import io.seqlearn.decode.BeamSearch;
import io.seqlearn.decode.Greedy;
import io.seqlearn.decode.Hypothesis;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TransformerSeq2SeqTest {
    private static TransformerSeq2Seq tiny(Rng rng, int vocab) {
        var o = TransformerOptions.defaults().withDimFeedforward(64).withDropout(0.0);
        return new TransformerSeq2Seq(new TransformerSeq2Seq.Config(vocab, vocab, 32, 4, 1, 1, 16, o), rng);
    }

    @Test void learnsToReverseSequencesFromScratch() {
        ReverseTask task = new ReverseTask(10, 5, 8);
        Rng rng = new Rng(2024);
        TransformerSeq2Seq model = tiny(rng, task.vocab);
        Adam opt = new Adam(model.parameters(), 3e-3);
        var ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true).withIgnoreIndex(ReverseTask.PAD));
        double loss = Double.NaN;
        for (int step = 0; step < 1500; step++) {
            var b = task.batch(32, rng);
            Tensor logits = model.forward(b.src(), b.tgtIn(), b.lengths());
            Tensor l = ce.apply(logits, b.tgtOut());
            opt.zeroGrad();
            l.backward();
            opt.step();
            loss = l.item();
            if (step % 50 == 49 && loss < 0.02 && accuracy(model, task, new Rng(step), 256) == 1.0) break;
        }
        model.eval();
        double acc = accuracy(model, task, new Rng(77), 300);
        assertTrue(acc >= 0.99, "exact-sequence accuracy " + acc + " (last loss " + loss + ")");
    }

    static double accuracy(TransformerSeq2Seq model, ReverseTask task, Rng rng, int n) {
        var b = task.batch(n, rng);
        int[] starts = new int[n];
        Arrays.fill(starts, ReverseTask.BOS);
        List<Hypothesis> hyps = Greedy.decode(model.stepModel(), model.initialState(b.src(), b.lengths()), starts, ReverseTask.EOS, task.maxLen + 1);
        int ok = 0;
        for (int i = 0; i < n; i++) if (hyps.get(i).finished() && ReverseTask.isReverse(b.sources()[i], hyps.get(i).tokens())) ok++;
        return ok / (double) n;
    }

    @Test void cachedGreedyAndBeamAgreeWithTeacherForcedLogits() {
        ReverseTask task = new ReverseTask(10, 5, 8);
        Rng rng = new Rng(5);
        TransformerSeq2Seq model = tiny(rng, task.vocab);
        model.eval();
        var b = task.batch(3, rng);
        var sm = model.stepModel();
        Hypothesis g = Greedy.decode(sm, model.initialState(b.src().narrow(0, 1, 1), new int[]{b.lengths()[1]}), new int[]{ReverseTask.BOS}, -1, 6).get(0);
        assertEquals(6, g.tokens().length);
        // re-score the greedy output with teacher forcing: the same argmax at every step, the same log-prob
        float[] in = new float[7];
        in[0] = ReverseTask.BOS;
        for (int t = 0; t < 6; t++) in[t + 1] = g.tokens()[t];
        Tensor logp = model.forward(b.src().narrow(0, 1, 1), Tensor.of(in, 1, 7), new int[]{b.lengths()[1]}).logSoftmax(-1);
        double total = 0;
        for (int t = 0; t < 6; t++) {
            assertEquals(g.tokens()[t], (int) logp.select(0, 0).select(0, t).argmax(0, false).item(), "step " + t);
            total += logp.get(0, t, g.tokens()[t]);
        }
        assertEquals(total, g.logProb(), 1e-4);
        Hypothesis beam1 = BeamSearch.search(sm, model.initialState(b.src().narrow(0, 1, 1), new int[]{b.lengths()[1]}), ReverseTask.BOS,
                BeamSearch.Options.of(1, 6, -1)).get(0);
        assertArrayEquals(g.tokens(), beam1.tokens());
        Hypothesis beam4 = BeamSearch.search(sm, model.initialState(b.src().narrow(0, 1, 1), new int[]{b.lengths()[1]}), ReverseTask.BOS,
                BeamSearch.Options.of(4, 6, -1)).get(0);
        assertTrue(beam4.logProb() >= g.logProb() - 1e-6);
    }

    @Test void parameterNamesAreStable() {
        var m = tiny(new Rng(1), 10);
        var keys = m.stateDict().keySet();
        assertTrue(keys.contains("encoder.layers.0.self_attn.in_proj_weight"));
        assertTrue(keys.contains("decoder.layers.0.multihead_attn.out_proj.bias"));
        assertTrue(keys.contains("decoder.norm.weight"));
        assertTrue(keys.contains("generator.weight"));
        assertEquals(DType.F32, m.stateDict().get("src_embed.weight").dtype());
    }
}
