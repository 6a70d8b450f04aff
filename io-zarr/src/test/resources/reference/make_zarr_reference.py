"""Writes the Zarr v2 stores the io-zarr tests read, with Debian's xarray + zarr 2.13, and what xarray
reads back from each (values, dims, coordinates, attributes, encodings) as zarr_reference.json.

Run from the repository root:  /usr/bin/python3 io-zarr/src/test/resources/reference/make_zarr_reference.py
"""
import json
import math
import os
import shutil

import numcodecs
import numpy as np
import pandas as pd
import xarray as xr
import zarr

HERE = os.path.dirname(os.path.abspath(__file__))
STORES = os.path.join(os.path.dirname(HERE), "zarr")


def climate(calendar="standard"):
    """A small monthly field with the features CF decoding must handle."""
    rng = np.random.default_rng(7)
    times = xr.cftime_range("2001-01-01", periods=14, freq="MS", calendar=calendar) if calendar != "standard" \
        else pd.date_range("2001-01-01", periods=14, freq="MS")
    lat = np.linspace(-60, 60, 5)
    lon = np.arange(0, 360, 45.0)
    tas = (rng.normal(280, 10, (14, 5, 8))).astype("float32")
    tas[3, 2, 1] = np.nan
    pr = rng.gamma(2, 2, (14, 5, 8))
    ds = xr.Dataset(
        {
            "tas": (("time", "lat", "lon"), tas, {"units": "K", "long_name": "air temperature"}),
            "pr": (("time", "lat", "lon"), pr, {"units": "mm/day"}),
            "mask": (("lat", "lon"), (rng.random((5, 8)) > 0.5)),
            "count": (("time",), np.arange(14, dtype="int32")),
        },
        coords={"time": times, "lat": ("lat", lat, {"units": "degrees_north"}), "lon": lon,
                "station": ("lon", ["a", "bb", "ccc", "d", "ee", "fff", "g", "hh"])},
        attrs={"title": "reference", "history": "made by make_zarr_reference.py", "version": 3},
    )
    return ds


def write_all():
    shutil.rmtree(STORES, ignore_errors=True)
    os.makedirs(STORES)
    chunks = {"time": 5, "lat": 3, "lon": 8}
    ds = climate()
    # xarray's defaults: blosc lz4, consolidated
    ds.chunk(chunks).to_zarr(os.path.join(STORES, "blosc_lz4.zarr"))
    for name, compressor in [
        ("zstd", numcodecs.Zstd(level=3)),
        ("zlib", numcodecs.Zlib(level=4)),
        ("gzip", numcodecs.GZip(level=5)),
        ("lz4", numcodecs.LZ4()),
        ("blosc_zstd_bitshuffle", numcodecs.Blosc(cname="zstd", clevel=3, shuffle=numcodecs.Blosc.BITSHUFFLE)),
        ("blosc_zlib_noshuffle", numcodecs.Blosc(cname="zlib", clevel=1, shuffle=numcodecs.Blosc.NOSHUFFLE)),
        ("blosc_lz4hc", numcodecs.Blosc(cname="lz4hc", clevel=9, shuffle=numcodecs.Blosc.SHUFFLE)),
        ("none", None),
    ]:
        encoding = {v: {"compressor": compressor} for v in ds.variables}
        ds.chunk(chunks).to_zarr(os.path.join(STORES, name + ".zarr"), encoding=encoding,
                                 consolidated=name != "zstd")
    # packing and integer fill values, a delta filter, nested chunk keys
    packed = ds[["tas"]].copy()
    packed.tas.encoding = {"dtype": "int16", "scale_factor": 0.01, "add_offset": 280.0, "_FillValue": -32767,
                           "filters": [numcodecs.Delta(dtype="<i2")]}
    packed.chunk(chunks).to_zarr(os.path.join(STORES, "packed_delta.zarr"))
    # a non-standard calendar
    climate("noleap").chunk(chunks).to_zarr(os.path.join(STORES, "noleap.zarr"))
    # a group
    ds.chunk(chunks).to_zarr(os.path.join(STORES, "groups.zarr"), group="model/run1")
    # arrays made with zarr itself: F order, "/" separators, chunks never written, big-endian
    root = zarr.open_group(os.path.join(STORES, "raw.zarr"), mode="w")
    f = root.create_dataset("f_order", data=np.arange(60, dtype=">f8").reshape(4, 15), chunks=(3, 4), order="F",
                            compressor=numcodecs.Zlib(1))
    f.attrs["_ARRAY_DIMENSIONS"] = ["y", "x"]
    nested = zarr.open_array(os.path.join(STORES, "raw.zarr", "nested"), mode="w", shape=(4, 15), chunks=(2, 5),
                             dtype="<u2", dimension_separator="/", fill_value=7)
    nested[:] = np.arange(60, dtype="u2").reshape(4, 15) * 1000
    nested.attrs["_ARRAY_DIMENSIONS"] = ["y", "x"]
    sparse = root.create_dataset("sparse", shape=(4, 15), chunks=(2, 5), dtype="<f4", fill_value=-1.5)
    sparse[0:2, 0:5] = 3.25
    sparse.attrs["_ARRAY_DIMENSIONS"] = ["y", "x"]
    zarr.consolidate_metadata(os.path.join(STORES, "raw.zarr"))


def describe(ds):
    """What xarray reads: per variable dims, dtype, values (NaN as None, times as ISO text), attrs, encoding."""
    out = {"attrs": {k: jsonable(v) for k, v in ds.attrs.items()}, "coords": sorted(ds.coords), "variables": {}}
    for name, v in ds.variables.items():
        values = v.values
        if np.issubdtype(values.dtype, np.datetime64):
            flat = [str(np.datetime_as_string(x, unit="s")) for x in values.ravel()]
        elif values.dtype == object:
            flat = [x.isoformat() if hasattr(x, "isoformat") else str(x) for x in values.ravel()]
        elif values.dtype.kind in "US":
            flat = [str(x) for x in values.ravel()]
        else:
            flat = [None if isinstance(x, float) and math.isnan(x) else x for x in values.ravel().tolist()]
        enc = {k: jsonable(v.encoding[k]) for k in ("dtype", "chunks", "units", "calendar", "scale_factor",
                                                     "add_offset", "_FillValue") if k in v.encoding}
        if "compressor" in v.encoding:
            c = v.encoding["compressor"]
            enc["compressor"] = None if c is None else c.get_config()
        out["variables"][name] = {"dims": list(v.dims), "shape": list(v.shape), "dtype": str(values.dtype),
                                  "values": flat, "attrs": {k: jsonable(x) for k, x in v.attrs.items()},
                                  "encoding": enc}
    return out


def jsonable(x):
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating,)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, float) and math.isnan(x):
        return None
    if isinstance(x, tuple):
        return list(x)
    if isinstance(x, np.dtype):
        return str(x)
    return x


def main():
    write_all()
    reference = {}
    for name in sorted(os.listdir(STORES)):
        path = os.path.join(STORES, name)
        if name == "groups.zarr":
            reference[name] = describe(xr.open_zarr(path, group="model/run1").load())
        elif name == "raw.zarr":
            reference[name] = describe(xr.open_zarr(path).load())
        else:
            reference[name] = describe(xr.open_zarr(path, consolidated=name != "zstd.zarr").load())
    with open(os.path.join(HERE, "zarr_reference.json"), "w") as f:
        json.dump({"xarray": xr.__version__, "zarr": zarr.__version__, "numcodecs": numcodecs.__version__,
                   "stores": reference}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
