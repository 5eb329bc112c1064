package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDManager;

/**
 * One timed unit of work (a training step, a forward pass, one GEMM). Every array it creates must live in
 * {@code step}, which is closed right after, so memory does not grow across steps.
 */
@FunctionalInterface
interface TorchStep {
    void run(NDManager step);
}
