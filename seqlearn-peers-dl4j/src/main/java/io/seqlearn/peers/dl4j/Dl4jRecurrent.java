package io.seqlearn.peers.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Recurrent-layer rows on DL4J's own training path: a network of one {@code LSTM} or {@code SimpleRnn}
 * (tanh) layer and a parameter-free {@code RnnLossLayer}, input [B, I, T] (DL4J's layout).
 *
 * <p>Training step = {@code computeGradientAndScore()}: forward over the sequence + backward to the input
 * and all weights, with DL4J's workspaces, no updater. The loss is L1 against labels of -10: the outputs are
 * tanh values in (-1, 1), so the loss is sum(output) + const and its gradient is all ones — the same
 * backward as the other contenders' sum(output). (DL4J's LSTM backprop re-runs its forward pass internally:
 * its forward-pass cache is disabled in this version; that cost is DL4J's.) Inference = {@code output(x)}.
 */
final class Dl4jRecurrent {
    private Dl4jRecurrent() {}

    static Runnable create(BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), in = a.i("I"), h = a.i("H");
        Layer layer = a.str("cell").equals("lstm")
                ? new LSTM.Builder().nIn(in).nOut(h).activation(Activation.TANH).build()
                : new SimpleRnn.Builder().nIn(in).nOut(h).activation(Activation.TANH).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .list()
                .layer(layer)
                .layer(new RnnLossLayer.Builder(LossFunctions.LossFunction.L1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.randn(DataType.FLOAT, b, in, t);
        if (a.str("mode").equals("infer")) {
            return () -> net.output(x, false);
        }
        INDArray labels = Nd4j.valueArrayOf(new long[] {b, h, t}, -10f, DataType.FLOAT);
        return () -> {
            net.setInput(x);
            net.setLabels(labels);
            net.computeGradientAndScore();
        };
    }
}
