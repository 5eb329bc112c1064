package io.seqlearn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

/** Each optimizer's first 5 steps on two parameters against PyTorch 1.13 (fixtures/optim, README there). */
class OptimizerFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "sgd_momentum_dampening", "sgd_nesterov", "sgd_weight_decay",
            "sgd_momentum_weight_decay", "adam", "adam_lr0.1", "adam_amsgrad", "adam_weight_decay", "adamw",
            "adamw_amsgrad", "rmsprop", "rmsprop_momentum", "rmsprop_centered", "rmsprop_centered_momentum",
            "adagrad", "adagrad_lr_decay"})
    void firstFiveStepsMatchPyTorch(String name) {
        run(Fixture.load("optim/" + name + ".safetensors", DType.F64));
        run(Fixture.load("optim/" + name + ".safetensors", DType.F32));
    }

    private static void run(Fixture fx) {
        Tensor p0 = fx.get("p0.init").copy().requiresGrad(true), p1 = fx.get("p1.init").copy().requiresGrad(true);
        Optimizer opt = optimizerFor(fx.config(), List.of(p0, p1));
        for (int k = 1; k <= fx.config().get("steps").asInt(); k++) {
            p0.setGrad(fx.get("g0.step" + k).copy());
            p1.setGrad(fx.get("g1.step" + k).copy());
            opt.step();
            fx.assertClose("p0.step" + k, p0);
            fx.assertClose("p1.step" + k, p1);
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
