package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim's update rules written with libtorch ops (float64 NDArrays; no autograd), following the
 * single-tensor code paths as PyTorch 2.x writes them ({@code torch/optim/{sgd,adam,rmsprop,adagrad}.py},
 * {@code _single_tensor_*}, e.g. first moments with lerp; AdamW = Adam with decoupled weight decay; the
 * fixtures were made with {@code foreach=False}). Scalar arithmetic (bias
 * corrections, step sizes) is Python float = Java double; a fused op is spelled the way ATen evaluates it:
 * {@code lerp(a, b, w) = a + w·(b − a)} (w &lt; 0.5), {@code addcmul(s, t1, t2, v) = s + v·t1·t2},
 * {@code addcdiv(s, t1, t2, v) = s + v·t1/t2}, {@code add(t, alpha) = s + alpha·t}.
 *
 * <ul>
 *   <li>SGD: g += wd·p; momentum: buf = g (step 1), else buf = μ·buf + (1−dampening)·g; g = nesterov ? g + μ·buf
 *       : buf; p −= lr·g.</li>
 *   <li>Adam / AdamW: AdamW p ← p·(1 − lr·wd) first, Adam g += wd·p; m = lerp(m, g, 1−β1);
 *       v = β2·v + (1−β2)·g²; v̂ = amsgrad ? max(v̂, v) : v; p += −(lr/(1−β1^k))·m / (√v̂/√(1−β2^k) + eps).</li>
 *   <li>RMSprop: g += wd·p; v = α·v + (1−α)·g²; centered: ḡ = lerp(ḡ, g, 1−α), avg = √(v − ḡ²), else √v;
 *       avg += eps; momentum: buf = μ·buf + g/avg, p −= lr·buf; else p += −lr·g/avg.</li>
 *   <li>Adagrad: g += wd·p; clr = lr/(1 + (k−1)·lr_decay); sum += g²; p += −clr·g/(√sum + eps).</li>
 * </ul>
 */
final class TorchOptimizers {
    private TorchOptimizers() {}

    /** One optimizer over a fixed list of parameters: step k (1-based) maps parameters and gradients to new parameters. */
    abstract static class Optimizer {
        int step;
        final List<NDArray[]> state = new ArrayList<>(); // per parameter: the optimizer's buffers

        /** Returns the parameters after one {@code opt.step()} with these gradients. */
        List<NDArray> step(List<NDArray> params, List<NDArray> grads) {
            step++;
            List<NDArray> out = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                if (state.size() <= i) state.add(new NDArray[3]);
                out.add(update(params.get(i), grads.get(i), state.get(i)));
            }
            return out;
        }

        abstract NDArray update(NDArray p, NDArray g, NDArray[] s);
    }

    /** The optimizer torch.optim.{name} with the hyperparameters it reported ({@code opt.defaults}). */
    static Optimizer of(String name, JsonNode d) {
        if (d.path("maximize").asBoolean(false)) throw new IllegalStateException(name + ": maximize=True not replayed");
        double wd = d.path("weight_decay").asDouble(0), lr = d.path("lr").asDouble();
        return switch (name) {
            case "SGD" -> sgd(lr, d.path("momentum").asDouble(0), d.path("dampening").asDouble(0),
                    d.path("nesterov").asBoolean(false), wd);
            case "Adam", "AdamW" -> adam(lr, d.path("betas").get(0).asDouble(), d.path("betas").get(1).asDouble(),
                    d.path("eps").asDouble(), wd, name.equals("AdamW"), d.path("amsgrad").asBoolean(false));
            case "RMSprop" -> rmsprop(lr, d.path("alpha").asDouble(), d.path("eps").asDouble(), wd,
                    d.path("momentum").asDouble(0), d.path("centered").asBoolean(false));
            case "Adagrad" -> {
                if (d.path("initial_accumulator_value").asDouble(0) != 0) throw new IllegalStateException("Adagrad: initial_accumulator_value ≠ 0 not replayed");
                yield adagrad(lr, d.path("lr_decay").asDouble(0), d.path("eps").asDouble(), wd);
            }
            default -> throw new IllegalStateException("no replay of torch.optim." + name);
        };
    }

    static Optimizer sgd(double lr, double momentum, double dampening, boolean nesterov, double wd) {
        return new Optimizer() {
            NDArray update(NDArray p, NDArray g, NDArray[] s) {
                if (wd != 0) g = g.add(p.mul(wd));
                if (momentum != 0) {
                    s[0] = s[0] == null ? g.duplicate() : s[0].mul(momentum).add(g.mul(1 - dampening));
                    g = nesterov ? g.add(s[0].mul(momentum)) : s[0];
                }
                return p.add(g.mul(-lr));
            }
        };
    }

    static Optimizer adam(double lr, double beta1, double beta2, double eps, double wd, boolean decoupled, boolean amsgrad) {
        return new Optimizer() {
            NDArray update(NDArray p, NDArray g, NDArray[] s) {
                if (wd != 0) {
                    if (decoupled) p = p.mul(1 - lr * wd);
                    else g = g.add(p.mul(wd));
                }
                NDArray m = s[0] == null ? p.zerosLike() : s[0], v = s[1] == null ? p.zerosLike() : s[1];
                m = lerp(m, g, 1 - beta1);
                v = v.mul(beta2).add(g.mul(1 - beta2).mul(g));
                s[0] = m;
                s[1] = v;
                double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
                double stepSize = lr / bc1, bc2Sqrt = Math.sqrt(bc2);
                NDArray vHat = v;
                if (amsgrad) {
                    s[2] = s[2] == null ? v : s[2].maximum(v);
                    vHat = s[2];
                }
                NDArray denom = vHat.sqrt().div(bc2Sqrt).add(eps);
                return p.add(m.mul(-stepSize).div(denom));
            }
        };
    }

    static Optimizer rmsprop(double lr, double alpha, double eps, double wd, double momentum, boolean centered) {
        return new Optimizer() {
            NDArray update(NDArray p, NDArray g, NDArray[] s) {
                if (wd != 0) g = g.add(p.mul(wd));
                NDArray sq = (s[0] == null ? p.zerosLike() : s[0]).mul(alpha).add(g.mul(1 - alpha).mul(g));
                s[0] = sq;
                NDArray avg;
                if (centered) {
                    s[1] = lerp(s[1] == null ? p.zerosLike() : s[1], g, 1 - alpha);
                    avg = sq.add(s[1].mul(-1.0).mul(s[1])).sqrt();
                } else {
                    avg = sq.sqrt();
                }
                avg = avg.add(eps);
                if (momentum > 0) {
                    s[2] = (s[2] == null ? p.zerosLike() : s[2]).mul(momentum).add(g.div(avg));
                    return p.add(s[2].mul(-lr));
                }
                return p.add(g.mul(-lr).div(avg));
            }
        };
    }

    static Optimizer adagrad(double lr, double lrDecay, double eps, double wd) {
        return new Optimizer() {
            NDArray update(NDArray p, NDArray g, NDArray[] s) {
                if (wd != 0) g = g.add(p.mul(wd));
                double clr = lr / (1 + (step - 1) * lrDecay);
                s[0] = (s[0] == null ? p.zerosLike() : s[0]).add(g.mul(1.0).mul(g));
                NDArray std = s[0].sqrt().add(eps);
                return p.add(g.mul(-clr).div(std));
            }
        };
    }

    /** torch.lerp(a, b, w) for w &lt; 0.5: a + w·(b − a). */
    private static NDArray lerp(NDArray a, NDArray b, double w) {
        if (!(w < 0.5)) throw new IllegalArgumentException("lerp weight " + w + ": only the w < 0.5 branch is spelled out");
        return a.add(b.sub(a).mul(w));
    }
}
