package io.seqlearn.peers.dl4j;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/**
 * End-to-end LSTM language-model training step with DL4J's {@code fit(features, labels)}:
 * EmbeddingSequenceLayer(V, E) → {@code layers} × LSTM(H) → RnnOutputLayer(softmax, MCXENT, V), one-hot
 * labels [B, V, T], synthetic ids (4 batches cycled). One step = one {@code fit} call (forward, backward,
 * updater), all of it timed.
 *
 * <ul>
 *   <li>{@code charlm}: Adam(lr) with DL4J's defaults (β 0.9/0.999, ε 1e-8). DL4J's MCXENT score is the sum
 *       over time of the batch mean (T× PyTorch's mean; Adam is insensitive to that scale).</li>
 *   <li>{@code wordlm}: Sgd(lr), weights U(-init, init), gradients clipped with ClipL2PerLayer(clip) —
 *       DL4J has no global-norm clipping, so this clips each layer's gradient norm separately — and the
 *       initial state is zero for every batch (fit() clears the RNN state; PyTorch and seqlearn carry it).
 *       Both differences cost next to nothing; the arithmetic per step is the same.</li>
 * </ul>
 */
final class Dl4jLstmLm {
    private Dl4jLstmLm() {}

    static Runnable create(BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), e = a.i("E"), h = a.i("H"), layers = a.i("layers"), v = a.i("V");
        boolean sgd = a.str("opt").equals("sgd");
        NeuralNetConfiguration.Builder nb = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(sgd ? new Sgd(a.f("lr")) : new Adam(a.f("lr")));
        if (sgd) {
            nb.weightInit(new UniformDistribution(-a.f("init"), a.f("init")))
                    .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(a.f("clip"));
        }
        NeuralNetConfiguration.ListBuilder lb = nb.list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(v).nOut(e).inputLength(t).outputDataFormat(RNNFormat.NCW).build());
        for (int l = 0; l < layers; l++) {
            lb.layer(new LSTM.Builder().nIn(l == 0 ? e : h).nOut(h).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build());
        }
        lb.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(h).nOut(v).dataFormat(RNNFormat.NCW).build());
        MultiLayerNetwork net = new MultiLayerNetwork(lb.build());
        net.init();
        Random rnd = new Random(1);
        INDArray[] ids = new INDArray[4], labels = new INDArray[4];
        for (int k = 0; k < 4; k++) {
            float[] x = new float[b * t], y = new float[b * v * t];
            for (int i = 0; i < b; i++) {
                for (int s = 0; s < t; s++) {
                    x[i * t + s] = rnd.nextInt(v);
                    y[(i * v + rnd.nextInt(v)) * t + s] = 1f;
                }
            }
            ids[k] = Nd4j.create(x, new long[] {b, t}, DataType.FLOAT);
            labels[k] = Nd4j.create(y, new long[] {b, v, t}, DataType.FLOAT);
        }
        int[] n = {0};
        return () -> {
            int k = n[0]++ % ids.length;
            net.fit(ids[k], labels[k]);
            System.err.printf("loss %.4f%n", net.score()); // on stderr (the log): evidence it trains
        };
    }
}
