"""Writes sharded Zarr v3 stores byte by byte from the specification's sharding_indexed codec (zarr-specs,
codecs/sharding-indexed/v1.0), with NumPy and the standard library only, and the arrays they hold as
zarr_sharded_reference.json. Debian's zarr (2.13) has no v3; these stores are an implementation of the
layout independent of Lazuli's, with what a reader must get right: inner chunks stored out of order,
inner chunks and whole shards never written, edge shards, the index at the end (with crc32c) and at the
start (without), gzip inside shards, and transposed big-endian inner chunks.

Run from the repository root:  /usr/bin/python3 io-zarr/src/test/resources/reference/make_zarr_sharded_reference.py
"""
import gzip
import itertools
import json
import math
import os
import shutil
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
STORES = os.path.join(os.path.dirname(HERE), "zarr3_sharded")
EMPTY = 2 ** 64 - 1


def crc32c(data):
    """CRC-32C (Castagnoli), as the crc32c codec appends it."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def sharded_array(root, name, values, shard, chunk, dims, fill, encode_chunk, inner_codecs, index_at_end,
                  checksum, skip_chunk=lambda c: False, skip_shard=lambda s: False):
    """Writes array `name`: values cut into shards of inner chunks, encoded by `encode_chunk`."""
    shape = values.shape
    per = [s // c for s, c in zip(shard, chunk)]
    grid = [math.ceil(n / s) for n, s in zip(shape, shard)]
    for shard_index in itertools.product(*[range(g) for g in grid]):
        if skip_shard(shard_index):
            continue
        pieces = []
        index = []
        for within in itertools.product(*[range(p) for p in per]):
            chunk_index = tuple(s * p + w for s, p, w in zip(shard_index, per, within))
            start = [c * n for c, n in zip(chunk_index, chunk)]
            if any(s >= n for s, n in zip(start, shape)) or skip_chunk(chunk_index):
                index.append(None)
                continue
            block = np.full(chunk, fill, dtype=values.dtype)
            part = values[tuple(slice(s, s + n) for s, n in zip(start, chunk))]
            block[tuple(slice(0, n) for n in part.shape)] = part
            index.append(len(pieces))
            pieces.append(encode_chunk(block))
        # chunks go into the shard in reverse order, so a reader must follow the index, not the grid
        order = list(reversed(range(len(pieces))))
        index_bytes_len = 16 * len(index) + (4 if checksum else 0)
        base = 0 if index_at_end else index_bytes_len
        offsets = {}
        body = b""
        for p in order:
            offsets[p] = base + len(body)
            body += pieces[p]
        table = b"".join(struct.pack("<QQ", EMPTY, EMPTY) if i is None else struct.pack("<QQ", offsets[i],
                                                                                          len(pieces[i]))
                         for i in index)
        if checksum:
            table += struct.pack("<I", crc32c(table))
        key = os.path.join(root, name, "c", *[str(i) for i in shard_index])
        write(key, body + table if index_at_end else table + body)
    index_codecs = [{"name": "bytes", "configuration": {"endian": "little"}}]
    if checksum:
        index_codecs.append({"name": "crc32c"})
    meta = {
        "zarr_format": 3, "node_type": "array", "shape": list(shape),
        "data_type": {"float32": "float32", "int16": "int16", "float64": "float64"}[values.dtype.name],
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(shard)}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
        "fill_value": "NaN" if isinstance(fill, float) and math.isnan(fill) else fill,
        "codecs": [{"name": "sharding_indexed", "configuration": {
            "chunk_shape": list(chunk), "codecs": inner_codecs, "index_codecs": index_codecs,
            "index_location": "end" if index_at_end else "start"}}],
        "dimension_names": dims, "attributes": {"units": "K"} if name == "tas" else {},
    }
    write(os.path.join(root, name, "zarr.json"), json.dumps(meta, indent=2).encode())


def plain_array(root, name, values, dims):
    """An unsharded coordinate: one chunk, bytes only."""
    meta = {
        "zarr_format": 3, "node_type": "array", "shape": list(values.shape), "data_type": "float64",
        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(values.shape)}},
        "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
        "fill_value": 0.0, "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}],
        "dimension_names": dims, "attributes": {},
    }
    write(os.path.join(root, name, "zarr.json"), json.dumps(meta, indent=2).encode())
    write(os.path.join(root, name, "c", "0"), values.astype("<f8").tobytes())


def group(root):
    write(os.path.join(root, "zarr.json"), json.dumps({"zarr_format": 3, "node_type": "group",
                                                       "attributes": {"title": "sharded"}}).encode())


def main():
    shutil.rmtree(STORES, ignore_errors=True)
    rng = np.random.default_rng(11)
    reference = {}

    # index at the end with crc32c, gzip inside: zarr-python's default layout for a sharded float array
    tas = rng.normal(280, 10, (10, 6, 8)).astype("float32")
    root = os.path.join(STORES, "gzip_end.zarr")
    group(root)
    gzipped = [{"name": "bytes", "configuration": {"endian": "little"}},
               {"name": "gzip", "configuration": {"level": 5}}]
    sharded_array(root, "tas", tas, shard=(4, 6, 4), chunk=(2, 3, 4), dims=["time", "lat", "lon"],
                  fill=float("nan"), encode_chunk=lambda b: gzip.compress(b.astype("<f4").tobytes(), 5),
                  inner_codecs=gzipped, index_at_end=True, checksum=True,
                  skip_chunk=lambda c: c == (1, 1, 0), skip_shard=lambda s: s == (1, 0, 1))
    plain_array(root, "lat", np.linspace(-50, 50, 6), ["lat"])
    expected = tas.astype("float64")
    expected[2:4, 3:6, 0:4] = np.nan   # the inner chunk never written
    expected[4:8, :, 4:8] = np.nan     # the shard never written
    reference["gzip_end.zarr"] = {"tas": {"shape": list(tas.shape), "chunks": [2, 3, 4], "shards": [4, 6, 4],
                                          "values": [None if math.isnan(v) else float(v) for v in expected.ravel()]},
                                  "lat": {"values": np.linspace(-50, 50, 6).tolist()}}

    # index at the start without a checksum; inner chunks transposed (F order) and big-endian
    counts = rng.integers(-500, 500, (7, 5), dtype="int16")
    root = os.path.join(STORES, "transposed_start.zarr")
    group(root)
    transposed = [{"name": "transpose", "configuration": {"order": [1, 0]}},
                  {"name": "bytes", "configuration": {"endian": "big"}}]
    sharded_array(root, "counts", counts, shard=(4, 4), chunk=(2, 2), dims=["y", "x"], fill=-1,
                  encode_chunk=lambda b: np.ascontiguousarray(b.T).astype(">i2").tobytes(),
                  inner_codecs=transposed, index_at_end=False, checksum=False)
    reference["transposed_start.zarr"] = {"counts": {"shape": [7, 5], "chunks": [2, 2], "shards": [4, 4],
                                                     "values": counts.astype(int).ravel().tolist()}}

    with open(os.path.join(HERE, "zarr_sharded_reference.json"), "w") as f:
        json.dump(reference, f, indent=1)


if __name__ == "__main__":
    main()
