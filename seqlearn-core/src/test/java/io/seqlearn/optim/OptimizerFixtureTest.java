package io.seqlearn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each optimizer's first 5 steps on two parameters against PyTorch 1.13 (fixtures/optim, README there). */
class OptimizerFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "sgd_momentum_dampening", "sgd_nesterov", "sgd_weight_decay",
            "sgd_momentum_weight_decay", "adam", "adam_lr0.1", "adam_amsgrad", "adam_weight_decay", "adamw",
            "adamw_amsgrad", "rmsprop", "rmsprop_momentum", "rmsprop_centered", "rmsprop_centered_momentum",
            "adagrad", "adagrad_lr_decay"})
    void firstFiveStepsMatchPyTorch(String name) {
        TorchFixture fx = TorchFixture.load("optim/" + name);
        run(fx, DType.F64, 1e-10);
        run(fx, DType.F32, 1e-5);
    }

    private static void run(TorchFixture fx, DType dt, double tol) {
        Tensor p0 = fx.tensor("p0.init", dt).requiresGrad(true), p1 = fx.tensor("p1.init", dt).requiresGrad(true);
        Optimizer opt = optimizerFor(fx.config(), List.of(p0, p1));
        for (int k = 1; k <= fx.config().get("steps").asInt(); k++) {
            p0.setGrad(fx.tensor("g0.step" + k, dt));
            p1.setGrad(fx.tensor("g1.step" + k, dt));
            opt.step();
            assertClose(fx.values("p0.step" + k), p0.toDoubleArray(), tol, fx + " " + dt + " p0 step " + k);
            assertClose(fx.values("p1.step" + k), p1.toDoubleArray(), tol, fx + " " + dt + " p1 step " + k);
        }
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * Math.max(1, Math.abs(want[i])), what + " [" + i + "]");
        }
    }

    /** Builds our optimizer from the hyper-parameters PyTorch reported ({@code config.defaults}). */
    static Optimizer optimizerFor(JsonNode config, List<Tensor> ps) {
        JsonNode d = config.get("defaults");
        double lr = d.get("lr").asDouble(), wd = d.get("weight_decay").asDouble();
        return switch (config.get("optimizer").asText()) {
            case "SGD" -> new SGD(ps, lr, new SGD.Options(d.get("momentum").asDouble(), d.get("dampening").asDouble(), wd,
                    d.get("nesterov").asBoolean()));
            case "Adam" -> new Adam(ps, lr, adamOptions(d, wd));
            case "AdamW" -> new AdamW(ps, lr, adamOptions(d, wd));
            case "RMSprop" -> new RMSprop(ps, lr, new RMSprop.Options(d.get("alpha").asDouble(), d.get("eps").asDouble(), wd,
                    d.get("momentum").asDouble(), d.get("centered").asBoolean()));
            case "Adagrad" -> new Adagrad(ps, lr, new Adagrad.Options(d.get("lr_decay").asDouble(), wd,
                    d.get("initial_accumulator_value").asDouble(), d.get("eps").asDouble()));
            default -> throw new IllegalArgumentException("no optimizer for " + config.get("optimizer"));
        };
    }

    private static Adam.Options adamOptions(JsonNode d, double wd) {
        return new Adam.Options(d.get("betas").get(0).asDouble(), d.get("betas").get(1).asDouble(), d.get("eps").asDouble(),
                wd, d.get("amsgrad").asBoolean());
    }
}
