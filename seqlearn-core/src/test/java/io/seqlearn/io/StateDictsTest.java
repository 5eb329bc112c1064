package io.seqlearn.io;

import io.seqlearn.nn.Linear;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class StateDictsTest {
    @Test void moduleStateRoundTripsThroughSafetensors(@TempDir Path dir) throws Exception {
        Linear a = new Linear(4, 3, new Rng(1)), b = new Linear(4, 3, new Rng(2));
        Path f = dir.resolve("lin.safetensors");
        StateDicts.save(f, a.stateDict(), Map.of("note", "test"));
        b.loadStateDict(StateDicts.load(f, DType.F32), true);
        assertArrayEquals(a.weight().toFloatArray(), b.weight().toFloatArray());
        assertArrayEquals(a.bias().toFloatArray(), b.bias().toFloatArray());
    }

    @Test void pytorchLinearFixtureMatches() throws Exception {
        Path f = Path.of(getClass().getResource("/fixtures/nn/linear.safetensors").toURI());
        Map<String, Tensor> t = StateDicts.load(f, DType.F64);
        Linear lin = new Linear(t.get("weight").size(1), t.get("weight").size(0), true, DType.F64, new Rng(0));
        lin.loadStateDict(Map.of("weight", t.get("weight"), "bias", t.get("bias")), true);
        Tensor x = t.get("x").requiresGrad(true);
        Tensor out = lin.forward(x);
        double[] want = t.get("out").toDoubleArray(), got = out.toDoubleArray();
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-12);
        out.mul(t.get("g_out")).sum().backward();
        double[] gw = t.get("grad.weight").toDoubleArray(), ggw = lin.weight().grad().toDoubleArray();
        for (int i = 0; i < gw.length; i++) assertEquals(gw[i], ggw[i], 1e-12);
        double[] gx = t.get("grad.x").toDoubleArray(), ggx = x.grad().toDoubleArray();
        for (int i = 0; i < gx.length; i++) assertEquals(gx[i], ggx[i], 1e-12);
    }
}
