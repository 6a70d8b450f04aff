#!/usr/bin/python3
"""NumPy's type promotion, for DTypeTest: every pair of the dtypes Lazuli has (np.promote_types), and an
array of each dtype with a Python int (1) and a Python float (1.5), as NumPy's arithmetic types them.

Run with Debian's NumPy:
    /usr/bin/python3 core/src/test/resources/reference/make_dtype_reference.py > core/src/test/resources/reference/dtype_promotion.json
"""
import json

import numpy as np

NAMES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float32", "float64"]

reference = {
    "numpy": np.__version__,
    "pairs": {a: {b: str(np.promote_types(a, b)) for b in NAMES} for a in NAMES},
    "with_int_scalar": {a: str((np.zeros(2, dtype=a) + 1).dtype) for a in NAMES},
    "with_float_scalar": {a: str((np.zeros(2, dtype=a) + 1.5).dtype) for a in NAMES},
}
print(json.dumps(reference, indent=1))
