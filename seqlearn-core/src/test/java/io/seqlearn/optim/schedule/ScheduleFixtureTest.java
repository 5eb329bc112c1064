package io.seqlearn.optim.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.optim.SGD;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The learning-rate sequence of every schedule over 12 epochs against PyTorch 1.13 (fixtures/optim/sched_*). */
class ScheduleFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"steplr", "exponentiallr", "cosineannealinglr", "linearlr_warmup", "reducelronplateau",
            "reducelronplateau_cooldown"})
    void lrSequenceMatchesPyTorch(String name) {
        Fixture fx = Fixture.load("optim/sched_" + name + ".safetensors", DType.F64);
        JsonNode c = fx.config(), a = c.get("args");
        Tensor p = Tensor.of(new double[]{1}, 1).requiresGrad(true);
        SGD sgd = new SGD(List.of(p), c.get("base_lr").asDouble());
        double[] want = fx.get("lr").toDoubleArray();
        if (c.get("scheduler").asText().equals("ReduceLROnPlateau")) {
            var plateau = new ReduceLROnPlateau(sgd, plateauOptions(a));
            double[] metric = fx.get("metric").toDoubleArray();
            for (int e = 0; e < want.length; e++) {
                assertEquals(want[e], sgd.learningRate(), 1e-12, name + " epoch " + e);
                plateau.step(metric[e]);
            }
            return;
        }
        LRScheduler s = new LRScheduler(sgd, scheduleFor(c.get("scheduler").asText(), a));
        for (int e = 0; e < want.length; e++) {
            assertEquals(want[e], sgd.learningRate(), 1e-12, name + " epoch " + e);
            s.step();
        }
    }

    private static LRSchedule scheduleFor(String name, JsonNode a) {
        return switch (name) {
            case "StepLR" -> new StepLR(a.get("step_size").asInt(), a.get("gamma").asDouble());
            case "ExponentialLR" -> new ExponentialLR(a.get("gamma").asDouble());
            case "CosineAnnealingLR" -> new CosineAnnealingLR(a.get("T_max").asInt(), a.get("eta_min").asDouble());
            case "LinearLR" -> new LinearLR(a.get("start_factor").asDouble(), a.get("end_factor").asDouble(),
                    a.get("total_iters").asInt());
            default -> throw new IllegalArgumentException("no schedule for " + name);
        };
    }

    private static ReduceLROnPlateau.Options plateauOptions(JsonNode a) {
        return ReduceLROnPlateau.Options.defaults()
                .withMode(ReduceLROnPlateau.Mode.valueOf(a.get("mode").asText().toUpperCase()))
                .withFactor(a.get("factor").asDouble())
                .withPatience(a.get("patience").asInt())
                .withThreshold(a.get("threshold").asDouble(),
                        ReduceLROnPlateau.ThresholdMode.valueOf(a.get("threshold_mode").asText().toUpperCase()))
                .withCooldown(a.get("cooldown").asInt())
                .withMinLr(a.get("min_lr").asDouble());
    }
}
