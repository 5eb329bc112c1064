package io.seqlearn.io;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bridges {@link Tensor} and safetensors: save a module's state_dict, or load one (e.g. PyTorch's
 * {@code safetensors.torch.save_file(model.state_dict(), path)}) to pass to {@code Module.loadStateDict}.
 */
public final class StateDicts {
    private StateDicts() {}

    /** A tensor's values as safetensors data of its own dtype (F32 or F64). */
    public static TensorData toData(Tensor t) {
        return t.dtype() == DType.F32 ? TensorData.ofFloats(t.shape(), t.toFloatArray())
                : TensorData.ofDoubles(t.shape(), t.toDoubleArray());
    }

    /** Safetensors data as a tensor of {@code dtype} (integers, F16, BF16 are converted). */
    public static Tensor toTensor(TensorData d, DType dtype) {
        return dtype == DType.F32 ? Tensor.of(d.toFloatArray(), d.intShape()) : Tensor.of(d.toDoubleArray(), d.intShape());
    }

    /** All tensors of a safetensors file as {@code dtype}, in file order. */
    public static Map<String, Tensor> load(Path path, DType dtype) throws IOException {
        return toTensors(SafeTensors.read(path), dtype);
    }

    /** All tensors of an already-read file as {@code dtype}. */
    public static Map<String, Tensor> toTensors(SafeTensorsFile file, DType dtype) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        file.tensors().forEach((k, v) -> out.put(k, toTensor(v, dtype)));
        return out;
    }

    /** Writes tensors (atomically) with optional metadata. */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, TensorData> data = new LinkedHashMap<>();
        tensors.forEach((k, v) -> data.put(k, toData(v)));
        SafeTensors.write(path, data, metadata == null ? Map.of() : metadata);
    }
}
