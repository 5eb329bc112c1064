package io.seqlearn.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width of the hand-written F32 kernels: 512 bits where the CPU runs them natively (AVX-512),
 * else 256 (AVX2). A wide register holds a whole 16-column panel row, so the same tile takes half the
 * instructions. Every lane computes the same operations in the same order at either width, so results are
 * identical bit for bit; the system property {@code seqlearn.vectorBits=256} forces the narrow kernels.
 *
 * <p>Public for the library's fused layers; not a stable API.
 */
public final class VectorWidth {
    /** Whether the 512-bit kernels run. */
    public static final boolean WIDE = FloatVector.SPECIES_PREFERRED.length() >= 16
            && !"256".equals(System.getProperty("seqlearn.vectorBits"));
    /** The species of the element-wise recurrent kernels: 16 lanes when {@link #WIDE}, else 8. */
    public static final VectorSpecies<Float> F32 = WIDE ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;

    private VectorWidth() {}
}
