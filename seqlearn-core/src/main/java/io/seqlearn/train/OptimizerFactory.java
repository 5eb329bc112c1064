package io.seqlearn.train;

import io.seqlearn.optim.Optimizer;
import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * Makes the optimizer once the model's weights exist. Keras-style layers create their weights on first use,
 * so {@code compile} receives this recipe instead of an optimizer: {@code model.compile(p -> new Adam(p, 1e-3), loss)}.
 */
@FunctionalInterface
public interface OptimizerFactory {
    Optimizer create(List<Tensor> parameters);
}
