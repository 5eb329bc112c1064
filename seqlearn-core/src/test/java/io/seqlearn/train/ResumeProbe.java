package io.seqlearn.train;

import io.seqlearn.backend.Backend;
import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.UnaryOp;
import io.seqlearn.tensor.Backends;

import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link CrossProcessResumeTest}: one role of a kill-and-resume experiment per JVM.
 * <pre>
 * straight    RECIPE DIR EPOCHS            the recorded run, uninterrupted, checkpointing every epoch
 * interrupted RECIPE DIR EPOCHS STOP STEP  the recorded run; at step STEP of epoch STOP (0-based, after the
 *                                          checkpoint of epoch STOP − 1) print "WAITING" and block until killed
 * resume      RECIPE DIR EPOCHS CKPT       load CKPT and train until EPOCHS are complete
 * </pre>
 * With {@code -Dprobe.warmUp=ROUNDS} the process first compiles the hot code (see {@link #warmUpKernels}) and
 * trains a throwaway copy of the model, so the recorded work runs JIT-compiled from its first step.
 * Each run's checkpoints go to DIR as ckpt-NN.safetensors; the last one holds the final weights, optimizer
 * state and trainer state that the test compares.
 */
public final class ResumeProbe {
    /** System property: rounds of {@link #warmUpKernels} (then one throwaway training run) before the role; 0 = none. */
    static final String WARM_UP = "probe.warmUp";

    private ResumeProbe() {}

    public static void main(String[] args) throws Exception {
        ResumeRecipes recipe = ResumeRecipes.valueOf(args[1]);
        Path dir = Path.of(args[2]);
        int epochs = Integer.parseInt(args[3]);
        int warmUpRounds = Integer.getInteger(WARM_UP, 0);
        if (warmUpRounds > 0) {
            warmUpKernels(warmUpRounds);
            Model throwaway = fresh(recipe);
            throwaway.fit(recipe.data(), recipe.options().withEpochs(epochs));
        }
        switch (args[0]) {
            case "straight" -> train(recipe, fresh(recipe), dir, epochs, new Gate(-1, -1));
            case "interrupted" -> train(recipe, fresh(recipe), dir, epochs,
                    new Gate(Integer.parseInt(args[4]), Integer.parseInt(args[5])));
            case "resume" -> train(recipe, resumed(recipe, Path.of(args[4])), dir, epochs, new Gate(-1, -1));
            default -> throw new IllegalArgumentException("resume probe: unknown role " + args[0]);
        }
        System.out.println("DONE");
    }

    /**
     * Runs the backend's F32 element-wise kernels, sum and the small Java GEMM until C2 has compiled them: a
     * tiny model calls them too rarely to get there in a short run, and C2 code is where a tier-dependent result
     * would come from (Vector API intrinsics replace the Java fallback that the interpreter and C1 run). 700
     * rounds pass HotSpot's tier-4 thresholds (600 calls with 15000 calls + loop iterations; 40000 iterations
     * for on-stack replacement); with {@code -Xbatch} compiling blocks, so the compiled code is in place after.
     */
    static void warmUpKernels(int rounds) {
        Backend be = Backends.defaultBackend();
        int n = 2048;
        float[] x = new float[n], p = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 97) / 97f * 16 - 8;
            p[i] = 0.1f + (i % 89) / 89f * 4;
        }
        for (int r = 0; r < rounds; r++) {
            for (UnaryOp op : UnaryOp.values()) be.unary(op, op == UnaryOp.LOG || op == UnaryOp.SQRT ? p : x, 0, y, 0, n);
            for (BinaryOp op : BinaryOp.values()) be.binary(op, p, 0, x, 0, y, 0, n);
            be.sum(x, 0, n);
            be.sgemm(false, true, 4, 16, 64, 1f, x, 0, 64, p, 0, 64, 0f, y, 0, 16);
            be.sgemm(false, false, 4, 16, 64, 1f, x, 0, 64, p, 0, 16, 0f, y, 0, 16);
        }
    }

    private static Model fresh(ResumeRecipes recipe) {
        Model m = recipe.model();
        recipe.compile(m);
        return m;
    }

    /** What a restarted script does: the LSTM recipe loads the file, the other rebuilds in code and restores. */
    private static Model resumed(ResumeRecipes recipe, Path ckpt) throws Exception {
        Model m;
        if (recipe == ResumeRecipes.LSTM_CLASSIFIER) {
            m = Model.load(ckpt);
        } else {
            m = recipe.model();
            m.restore(ckpt);
        }
        recipe.compile(m);
        return m;
    }

    private static void train(ResumeRecipes recipe, Model m, Path dir, int epochs, Gate gate) {
        m.fit(recipe.data(), recipe.options().withUntilEpoch(epochs).withCallbacks(ResumeRecipes.callbacks(dir, gate)));
    }

    /** Stops the process in the middle of a chosen step until the test kills it. */
    record Gate(int epoch, int step) implements Callback {
        @Override
        public void onBatchEnd(FitContext ctx, int e, int s, Map<String, Double> logs) {
            if (e != epoch || s != step) return;
            System.out.println("WAITING");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
