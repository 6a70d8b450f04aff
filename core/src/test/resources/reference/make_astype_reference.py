#!/usr/bin/python3
"""NumPy's astype (unsafe casting) from float64 and from int64 to every dtype Lazuli has, for StorageTest:
values below, within and past each integer type's range and fractions both ways. Floats stay within int32's
range: past it NumPy's cast is undefined (the C conversion; x86 gives INT_MIN, ARM saturates).

Run with Debian's NumPy:
    /usr/bin/python3 core/src/test/resources/reference/make_astype_reference.py > core/src/test/resources/reference/astype.json
"""
import json
import warnings

import numpy as np

NAMES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float32", "float64"]
FLOATS = [-2e9, -70000.2, -300.7, -129.0, -1.5, -0.5, 0.0, 0.5, 1.5, 127.9, 128.0, 255.5, 256.0, 40000.5, 70000.2, 2e9]
INTS = [-(2 ** 40) - 3, -3000000000, -70000, -300, -129, -1, 0, 1, 127, 128, 255, 256, 40000, 70000, 3000000000,
        2 ** 40 + 5]

warnings.simplefilter("ignore")
reference = {"numpy": np.__version__, "floats": FLOATS, "ints": INTS, "from_float64": {}, "from_int64": {}}
for name in NAMES:
    reference["from_float64"][name] = [float(x) for x in np.array(FLOATS, dtype=np.float64).astype(name)]
    reference["from_int64"][name] = [float(x) for x in np.array(INTS, dtype=np.int64).astype(name)]
print(json.dumps(reference, indent=1))
