package io.seqlearn.io;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validated header of a safetensors file: its tensors in data order and its {@code __metadata__}.
 *
 * @param tensors    entries sorted by their position in the data buffer
 * @param metadata   the {@code __metadata__} strings, sorted by key (empty when absent)
 * @param dataStart  absolute file offset of the data buffer: 8 + the header length
 * @param dataLength size of the data buffer in bytes (the rest of the file)
 */
public record SafeTensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata,
                                long dataStart, long dataLength) {

    public SafeTensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }
}
