package io.seqlearn.nn.rnn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Truncated backpropagation through time, TBPTT(k1, k2) (Williams &amp; Peng 1990; Sutskever 2013 §2.8.6):
 * walk a long stream, and every k1 steps update on the loss of those k1 outputs with gradients flowing back
 * at most k2 steps; the state entering each window is carried over, detached.
 *
 * <p>Window j ends at t_j = min(T, j·k1) and runs forward from w_j = max(0, t_j − k2) with the detached state
 * at w_j. The forward is split at w_{j+1} so that the next window's starting state comes out of this pass
 * (no recomputation); gradients still flow through the split. The caller's {@code onWindow} receives the
 * outputs of steps [t_{j−1}, t_j) and computes the loss, calls {@code backward()} and steps its optimizer.
 * With k1 = k2 = k this is the usual "chunks of k with detached state" loop.
 *
 * <pre>{@code
 * TruncatedBptt tbptt = new TruncatedBptt(20, 40);
 * LSTMState end = tbptt.run(x, null,
 *         (chunk, s) -> { LSTMOutput o = lstm.forward(chunk, null, s); return new TruncatedBptt.Step<>(o.output(), o.state()); },
 *         LSTMState::detach,
 *         w -> { Tensor loss = lossOf(w.output(), w.from(), w.to()); opt.zeroGrad(); loss.backward(); opt.step(); });
 * }</pre>
 */
public final class TruncatedBptt {
    private final int k1;
    private final int k2;

    /** Update every {@code k1} steps, backpropagating through {@code k2 >= k1} steps. */
    public TruncatedBptt(int k1, int k2) {
        if (k1 < 1 || k2 < k1) {
            throw new IllegalArgumentException("tbptt: need 1 <= k1 <= k2, got k1 = " + k1 + ", k2 = " + k2);
        }
        this.k1 = k1;
        this.k2 = k2;
    }

    /** A model's forward over a slice of the stream: its output sequence and final state. */
    public record Step<S>(Tensor output, S state) {}

    /** A forward over a slice (B, w, …) from an initial state (null = zeros). */
    @FunctionalInterface
    public interface Forward<S> {
        Step<S> apply(Tensor slice, S initial);
    }

    /**
     * One update window: {@code output} holds the outputs of steps [from, to) (B, to − from, …) and is
     * connected to the graph back to step {@code start}; {@code state} is the (attached) state at {@code to}.
     */
    public record Window<S>(int start, int from, int to, Tensor output, S state) {}

    /**
     * Runs the schedule over {@code x} (B, T, …) (batch-first; time is dim 1) from {@code initial} (null for
     * zeros) and returns the detached state at the end of the stream.
     */
    public <S> S run(Tensor x, S initial, Forward<S> forward, UnaryOperator<S> detach, Consumer<Window<S>> onWindow) {
        int time = x.size(1);
        S carry = initial == null ? null : detach.apply(initial);
        int start = 0, prevEnd = 0;
        while (prevEnd < time) {
            int end = Math.min(time, prevEnd + k1);
            int nextEnd = Math.min(time, end + k1);
            int nextStart = end == time ? end : Math.max(0, nextEnd - k2);
            Step<S> a = nextStart > start ? forward.apply(x.narrow(1, start, nextStart - start), carry) : null;
            S nextCarry = a == null ? carry : detach.apply(a.state());
            Step<S> b = end > nextStart ? forward.apply(x.narrow(1, nextStart, end - nextStart), a == null ? carry : a.state()) : null;
            Tensor out = a == null ? b.output() : b == null ? a.output() : F.concat(List.of(a.output(), b.output()), 1);
            Tensor mine = out.narrow(1, prevEnd - start, end - prevEnd);
            onWindow.accept(new Window<>(start, prevEnd, end, mine, b == null ? a.state() : b.state()));
            carry = nextCarry;
            start = nextStart;
            prevEnd = end;
        }
        return carry;
    }
}
