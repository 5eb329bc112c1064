package io.seqlearn.train;

import io.seqlearn.metrics.Accuracy;
import io.seqlearn.layers.Dense;
import io.seqlearn.layers.Dropout;
import io.seqlearn.layers.Embedding;
import io.seqlearn.layers.Input;
import io.seqlearn.layers.LSTM;
import io.seqlearn.layers.Layer;
import io.seqlearn.layers.Recurrent;
import io.seqlearn.layers.SymbolicTensor;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.optim.Adam;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The functional API on the two shapes the issue names: a classifier with lengths, an encoder–decoder. */
class SequenceModelsTest {

    static FunctionalModel lengthClassifier(long seed) {
        SymbolicTensor tokens = Input.of("tokens", -1), lengths = Input.of("lengths");
        SymbolicTensor x = new Embedding(10, 8).call(tokens);
        SymbolicTensor h = new LSTM(16).call(Map.of(Layer.X, x, Recurrent.LENGTHS, lengths)).get(0);
        SymbolicTensor label = new Dense(2).named("label").call(new Dropout(0.1).call(h));
        FunctionalModel m = Model.of(List.of(tokens, lengths), List.of(label));
        m.seed(seed);
        return m;
    }

    static FunctionalModel encoderDecoder(int vocab, long seed) {
        SymbolicTensor src = Input.of("source", -1), decIn = Input.of("target_in", -1);
        List<SymbolicTensor> enc = new LSTM(16, false, true).named("encoder")
                .call(Map.of(Layer.X, new Embedding(vocab, 8).call(src)));
        SymbolicTensor dec = new LSTM(16, true, false).named("decoder").call(Map.of(Layer.X, new Embedding(vocab, 8).call(decIn),
                Recurrent.INITIAL_H, enc.get(1), Recurrent.INITIAL_C, enc.get(2))).get(0);
        FunctionalModel m = Model.of(List.of(src, decIn), List.of(new Dense(vocab).named("logits").call(dec)));
        m.seed(seed);
        return m;
    }

    @Test void classifierUsesTheLengths() {
        FunctionalModel m = lengthClassifier(1);
        m.compile(p -> new Adam(p, 0.01), new CrossEntropyLoss(), Accuracy.sparse());
        History h = m.fit(ToySequences.lastTokenClassification(512, 8, 10, 1), FitOptions.defaults().withEpochs(6)
                .withBatchSize(32).withValidationData(ToySequences.lastTokenClassification(128, 8, 10, 2)).quiet());
        assertTrue(h.last("val_accuracy") > 0.9, "val accuracy " + h.get("val_accuracy"));
        assertTrue(m.summary().contains("\n lstm (LSTM)                    (None, 16)               1664        embedding[0][0], lengths[0]…\n"),
                m.summary());
    }

    @Test void encoderDecoderLearnsToReverse() {
        int vocab = 7;
        FunctionalModel m = encoderDecoder(vocab, 2);
        m.compile(p -> new Adam(p, 0.02), new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true)));
        History h = m.fit(ToySequences.reversal(192, 4, vocab, 3), FitOptions.defaults().withEpochs(6).withBatchSize(16).quiet());
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "loss " + loss);
        assertEquals(List.of("source", "target_in"), m.inputNames());
        assertEquals(List.of("encoder", "decoder"), m.layers().stream().map(Layer::name).filter(n -> n.endsWith("coder")).toList());
    }
}
