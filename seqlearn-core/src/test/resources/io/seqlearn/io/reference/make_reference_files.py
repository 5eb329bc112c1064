"""Writes the reference safetensors files that ReferenceFilesTest compares seqlearn's reader and writer with.

They are written by the reference implementation itself (huggingface/safetensors, Python bindings over the
Rust serializer), so byte equality with SafeTensors.toBytes proves the writer matches it: tensor order
(descending dtype alignment, then name), compact header JSON, string escaping and 8-byte space padding.

    python -m venv venv && venv/bin/pip install safetensors==0.8.0 numpy ml_dtypes==0.5.4
    venv/bin/python make_reference_files.py     # run in this directory

The values must stay in sync with ReferenceFilesTest.referenceTensors().
"""
import ml_dtypes
import numpy as np
from safetensors.numpy import save_file


def tensors():
    return {
        "f64": (np.arange(6, dtype=np.float64).reshape(2, 3) * 0.5 - 1.0),
        "f32": (np.arange(12, dtype=np.float32).reshape(3, 4) / 8 - 0.75),
        "f16": np.array([0.5, -2.0, 65504.0, 2.0 ** -14, 0.0], dtype=np.float16),
        "bf16": np.array([1.0, -2.5, 3.0e38, 0.0], dtype=ml_dtypes.bfloat16),
        "i64": np.array([-(2 ** 63), -1, 0, 7, 2 ** 63 - 1], dtype=np.int64),
        "i32": np.array([[-(2 ** 31), 0], [1, 2 ** 31 - 1]], dtype=np.int32),
        "i16": np.array([-32768, -1, 0, 32767], dtype=np.int16),
        "i8": np.array([-128, -1, 0, 127], dtype=np.int8),
        "u8": np.array([0, 1, 128, 255], dtype=np.uint8),
        "bool": np.array([True, False, True], dtype=np.bool_),
        "scalar": np.array(3.25, dtype=np.float32),
        "empty": np.zeros((2, 0), dtype=np.float32),
        "lstm.weight_ih_l0": np.arange(8, dtype=np.float32).reshape(4, 2) - 3.5,
        "\u00fcn\u00efcode.weight": np.array([1.5], dtype=np.float32),
        'we"ird\\name\twith\u0001controls': np.array([2.5], dtype=np.float32),
    }


if __name__ == "__main__":
    save_file(tensors(), "all_dtypes.safetensors")
    save_file({"w": np.array([1.0, 2.0], dtype=np.float32)}, "with_metadata.safetensors", metadata={"format": "pt"})
