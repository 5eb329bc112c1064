package io.seqlearn.tasks.nets;

import io.seqlearn.decode.StepModel;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Decoding one token at a time must give exactly the logits of teacher forcing on the same prefix, for every
 * architecture, with padded source rows and after reordering rows (as beam search does).
 */
class TranslationNetStepTest {
    private static final int[][] SRC = {{5, 6, 7, 8}, {9, 4, 0, 0}};
    private static final int[] LENS = {4, 2};
    private static final int[][] TGT_IN = {{2, 11, 12, 13}, {2, 14, 15, 16}};

    @ParameterizedTest
    @ValueSource(strings = {"gru:bahdanau", "lstm:bahdanau", "gru:luong-general", "lstm:luong-dot", "gru:luong-concat", "transformer"})
    void stepwiseDecodingEqualsTeacherForcing(String kind) {
        TranslationNet net = net(kind);
        net.train(false);
        Tensor src = ids(SRC), tgtIn = ids(TGT_IN);
        Tensor full = net.forward(src, LENS, tgtIn);                         // (2, 4, V)
        check(net.decoding(src, LENS), full, new int[]{0, 1});
        // rows reordered and repeated, as a beam does
        check(net.decoding(src, LENS), full, new int[]{1, 1, 0});
    }

    private static <S> void check(TranslationNet.Decoding<S> d, Tensor full, int[] rows) {
        StepModel<S> m = d.model();
        S state = m.select(d.state(), rows);
        for (int t = 0; t < TGT_IN[0].length; t++) {
            int[] last = new int[rows.length];
            for (int i = 0; i < rows.length; i++) last[i] = TGT_IN[rows[i]][t];
            StepModel.Step<S> s = m.step(state, last);
            for (int i = 0; i < rows.length; i++) {
                for (int v = 0; v < full.size(2); v++) {
                    assertEquals(full.get(rows[i], t, v), s.scores().get(i, v), 2e-5, "row " + rows[i] + " step " + t + " token " + v);
                }
            }
            state = s.state();
        }
    }

    static TranslationNet net(String kind) {
        Rng rng = new Rng(3);
        if (kind.equals("transformer")) {
            return new TransformerTranslationNet(new TransformerTranslationNet.Config(20, 20, 16, 2, 2, 2, 32, 0.1, 32), rng);
        }
        String[] p = kind.split(":");
        int units = p[1].equals("luong-dot") ? 16 : 8;
        return new RnnTranslationNet(new RnnTranslationNet.Config(p[0], p[1], 20, 20, 8, 8, 2, units, 0.2), rng);
    }

    static Tensor ids(int[][] rows) {
        int[] flat = new int[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        return Tensors.indices(DType.F32, flat, rows.length, rows[0].length);
    }
}
