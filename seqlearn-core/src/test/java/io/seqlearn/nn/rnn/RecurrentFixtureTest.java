package io.seqlearn.nn.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * RNN/LSTM/GRU against PyTorch fixtures (fixtures/rnn, see its README): the PyTorch state_dict loads
 * unchanged, then output, h_n, c_n and the gradients of x, h0, c0 and every parameter must match, with
 * {@code |got − want| ≤ tol·max(1, |want|)}: tol 1e-5 in F32, 1e-10 in F64.
 */
class RecurrentFixtureTest {

    static Stream<Arguments> files() {
        List<Arguments> out = new ArrayList<>();
        for (String mode : new String[]{"rnn_tanh", "rnn_relu", "lstm", "gru"}) {
            for (String l : new String[]{"l1", "l2"}) {
                for (String dir : new String[]{"uni", "bi"}) {
                    for (String len : new String[]{"equal", "ragged"}) {
                        for (String init : new String[]{"h0", "noh0"}) {
                            String name = mode + "_" + l + "_" + dir + "_" + len + "_" + init;
                            for (DType dt : DType.values()) out.add(Arguments.of(name, dt));
                        }
                    }
                }
            }
        }
        for (String p : new String[]{"lstm_l1_uni_equal_noh0_proj3", "lstm_l1_bi_equal_noh0_proj3",
                "lstm_l2_uni_ragged_h0_proj3", "lstm_l2_bi_ragged_h0_proj3"}) {
            for (DType dt : DType.values()) out.add(Arguments.of(p, dt));
        }
        return out.stream();
    }

    /** Builds the layer the fixture's config describes (seed irrelevant: the state_dict replaces weights). */
    static RecurrentLayer build(JsonNode cfg, DType dt) {
        int in = cfg.get("input_size").asInt(), h = cfg.get("hidden_size").asInt(), l = cfg.get("num_layers").asInt();
        boolean bi = cfg.get("bidirectional").asBoolean(), bias = cfg.get("bias").asBoolean();
        return switch (cfg.get("module").asText()) {
            case "LSTM" -> new LSTM(in, h, LSTM.Options.defaults().withNumLayers(l).withBidirectional(bi).withBias(bias)
                    .withProjSize(cfg.get("proj_size").asInt()).withDtype(dt));
            case "GRU" -> new GRU(in, h, GRU.Options.defaults().withNumLayers(l).withBidirectional(bi).withBias(bias).withDtype(dt));
            case "RNN" -> new RNN(in, h, RNN.Options.defaults().withNumLayers(l).withBidirectional(bi).withBias(bias).withDtype(dt)
                    .withNonlinearity(RNN.Nonlinearity.valueOf(cfg.get("nonlinearity").asText().toUpperCase())));
            default -> throw new IllegalArgumentException("unknown module " + cfg.get("module"));
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void matchesPyTorch(String name, DType dt) {
        Fixture f = Fixture.load("rnn/" + name + ".safetensors", dt);
        RecurrentLayer layer = build(f.config(), dt);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : layer.stateDict().keySet()) state.put(k, f.get(k));
        layer.loadStateDict(state, true);

        Tensor x = f.get("x").requiresGrad(true);
        Tensor lengths = f.has("lengths") ? f.get("lengths") : null;
        Tensor h0 = f.has("h0") ? f.get("h0").requiresGrad(true) : null;
        Tensor c0 = f.has("c0") ? f.get("c0").requiresGrad(true) : null;
        Tensor[] o = RnnTestSupport.fused(layer, x, lengths, h0, c0);
        f.assertClose("out", o[0]);
        f.assertClose("h_n", o[1]);
        if (f.has("c_n")) f.assertClose("c_n", o[2]);

        Tensor loss = o[0].mul(f.get("g_out")).sum().add(o[1].mul(f.get("g_h")).sum());
        if (f.has("g_c")) loss = loss.add(o[2].mul(f.get("g_c")).sum());
        loss.backward();
        f.assertClose("grad.x", x.grad());
        if (h0 != null) f.assertClose("grad.h0", h0.grad());
        if (c0 != null) f.assertClose("grad.c0", c0.grad());
        layer.namedParameters().forEach((k, p) -> f.assertClose("grad." + k, p.grad()));
    }
}
