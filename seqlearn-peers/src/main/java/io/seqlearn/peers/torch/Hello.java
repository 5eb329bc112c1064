package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/** Smoke check that libtorch loads offline from the Maven jar. */
public final class Hello {
    public static void main(String[] args) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            System.out.println(Engine.getEngine("PyTorch").getVersion() + " " + m.ones(new ai.djl.ndarray.types.Shape(2, 2)).sum());
        }
    }
}
