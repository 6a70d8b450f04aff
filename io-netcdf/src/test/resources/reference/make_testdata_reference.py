#!/usr/bin/python3
"""Reference values for TestdataReferenceTest: what xarray (Debian's python3-xarray 2023.01) decodes
from every file in testdata/, with default options (decode_times=False where xarray cannot decode).

    /usr/bin/python3 io-netcdf/src/test/resources/reference/make_testdata_reference.py testdata \
        > io-netcdf/src/test/resources/reference/testdata.json
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import xarray as xr

warnings.simplefilter("ignore")
FULL_VALUES = 400


def plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return None if math.isnan(v) else v
    if isinstance(value, (np.integer, int)):
        return int(value)
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.ravel().tolist()]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return value
    return str(value)


def label(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").rstrip("\x00")
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        return str(value.astype("datetime64[s]"))
    if hasattr(value, "isoformat") and hasattr(value, "calendar"):
        return value.isoformat().split(".")[0]
    return str(value)


def variable(v):
    out = {"dims": list(v.dims), "shape": list(v.shape), "dtype": str(v.dtype),
           "attrs": {k: plain(a) for k, a in v.attrs.items()},
           "encoding": {k: plain(v.encoding[k]) for k in ("dtype", "_FillValue", "missing_value", "scale_factor",
                                                           "add_offset", "units", "calendar") if k in v.encoding}}
    values = v.values
    kind = values.dtype.kind
    if kind in "fiub":
        data = values.astype(float).ravel()
        out["kind"] = "number"
        if data.size <= FULL_VALUES:
            out["values"] = [None if math.isnan(x) else float(x) for x in data.tolist()]
        finite = data[~np.isnan(data)]
        out["summary"] = {"size": int(data.size), "nan": int(np.isnan(data).sum()),
                          "sum": float(finite.sum()) if finite.size else 0.0,
                          "min": float(finite.min()) if finite.size else None,
                          "max": float(finite.max()) if finite.size else None}
    else:
        out["kind"] = "labels"
        flat = values.ravel().tolist() if kind != "M" else list(values.ravel())
        labels = [label(x) for x in flat]
        out["values"] = labels[:FULL_VALUES]
        out["summary"] = {"size": len(labels)}
    return out


def main():
    folder = sys.argv[1]
    result = {}
    for name in sorted(os.listdir(folder)):
        if not (name.endswith(".nc") or name.endswith(".cdf")):
            continue
        path = os.path.join(folder, name)
        entry = {"decode_times": True}
        try:
            ds = xr.open_dataset(path)
        except Exception as e:  # noqa: BLE001 - record why xarray refuses, then open undecoded
            entry["default_error"] = "%s: %s" % (type(e).__name__, e)
            entry["decode_times"] = False
            ds = xr.open_dataset(path, decode_times=False)
        entry["dims"] = {k: int(v) for k, v in ds.dims.items()}
        entry["coords"] = sorted(ds.coords)
        entry["data_vars"] = sorted(ds.data_vars)
        entry["attrs"] = {k: plain(a) for k, a in ds.attrs.items()}
        entry["variables"] = {k: variable(v) for k, v in ds.variables.items()}
        result[name] = entry
        ds.close()
    for name, group in (("in_grp.nc", "g1"), ("in_grp.nc", "g1/g1g1")):
        ds = xr.open_dataset(os.path.join(folder, name), group=group)
        entry = {"decode_times": True, "dims": {k: int(v) for k, v in ds.dims.items()}, "coords": sorted(ds.coords),
                 "data_vars": sorted(ds.data_vars), "attrs": {k: plain(a) for k, a in ds.attrs.items()},
                 "variables": {k: variable(v) for k, v in ds.variables.items()}, "group": group}
        result[name + "#" + group] = entry
        ds.close()
    print(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
