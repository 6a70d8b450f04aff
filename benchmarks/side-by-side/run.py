#!/usr/bin/python3
"""Side-by-side harness: the same workloads on Lazuli and on dask (threaded scheduler), in one run.

Usage (from the repository root, after `mvn -DskipTests package`):

    /usr/bin/python3 benchmarks/side-by-side/run.py [--repeats 3] [--workloads a,b,...]

Installs Debian's python3-dask and python3-numpy if they are missing (needs root). Every workload runs
in a fresh child process so that its peak resident memory can be read from wait4(); times are the
best of `repeats` runs after one warm-up. Lazuli runs in a JVM capped at -Xmx1g. With zarr-write-climatology
the harness also compiles and runs floor.c (with gcc, if present): the same workload in C with no framework,
the floor its codec and this machine's page cache set.
"""
import argparse
import os
import subprocess
import sys
import time

WORKLOADS = {
    "random-mean": "random (20000, 20000), chunks (1000, 1000): mean",
    "random-mean-40k": "random (40000, 40000), chunks (1000, 1000): mean",
    "random-plus-ones-sum": "(random + ones) (10000, 10000), chunks (1000, 1000): sum",
    "tiny-tasks": "ones (100000,), chunks (10,): sum (10,000 tiny tasks)",
    "climatology-anomaly": "100-year monthly 1-degree field (1200, 180, 360), a year per chunk: monthly climatology,"
                           " anomalies, their std over time (xarray + dask)",
    "netcdf-year-mean": "1.9 GB NetCDF file (20 years daily, 180 x 360 float32): open lazily, select one year, mean"
                        " over time (xarray + dask)",
    "mfdataset-year-mean": "100 NetCDF files (73 days each, 180 x 360 float32): openMfDataset, select one year, mean"
                           " over time (xarray + dask)",
    "nc4-mean": "NetCDF-4 file (10 years daily, 180 x 360 float32, chunks (1, 180, 360), deflate 1 + shuffle),"
                " chunks of 365 days: open, mean of the whole variable (xarray + dask)",
    "nc4-climatology": "same NetCDF-4 file: monthly climatology (xarray + dask)",
    "nc4-point": "same NetCDF-4 file: nearest grid point, mean of its series (xarray + dask)",
    "nc4-year": "same NetCDF-4 file: select one year, mean over time (xarray + dask)",
    "nc4b-mean": "NetCDF-4 file, chunks (73, 90, 180), deflate 4, no shuffle: mean of the whole variable (xarray + dask)",
    "nc4b-climatology": "same (73, 90, 180) file: monthly climatology (xarray + dask)",
    "nc4b-point": "same (73, 90, 180) file: nearest grid point, mean of its series (xarray + dask)",
    "nc4b-year": "same (73, 90, 180) file: select one year, mean over time (xarray + dask)",
    "zarr-write-climatology": "1.9 GB NetCDF file (20 years daily, 180 x 360 float32) in chunks of 73 days: write to"
                              " Zarr v2 (blosc lz4, chunks (73, 180, 360)), open the store, monthly climatology"
                              " (xarray + dask + zarr)",
    "futures-map": "client.map of 10,000 inc + gather, local cluster 2 workers x 1 thread (dask: distributed,"
                   " processes=False)",
    "submit-roundtrip": "1,000 sequential submit + result round trips, same clusters",
    "matmul": "random (8000, 8000) @ random (8000, 8000), chunks (2000, 2000), then sum (Lazuli: the system's"
              " OpenBLAS per block, one BLAS thread per task)",
    "matmul-single": "one in-memory (8000, 8000) @ (8000, 8000) call, the system's OpenBLAS on every core (Lazuli vs NumPy)",
}

# Workloads that need more than the default heap, and the environment their Lazuli child runs with.
JAVA_HEAP = {"matmul": "-Xmx2g", "matmul-single": "-Xmx3g", "zarr-write-climatology": "-Xmx320m",
             # blocks of 365 days are 95 MB: half a gigabyte holds what two threads stream, as xarray's RSS does
             **{layout + "-" + w: "-Xmx512m" for layout in ("nc4", "nc4b") for w in ("mean", "climatology", "point", "year")}}
JAVA_ENV = {"matmul": {"OMP_NUM_THREADS": "1"}}
# The chunked product with the same BLAS thread count on both sides: one per task (two tasks at once)
DASK_ENV = {"matmul": {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}}
ND4J_FLAGS = ["-Dorg.bytedeco.javacpp.maxbytes=4G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G"]

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target", "side-by-side-data")


def prepare_netcdf():
    """Generates the NetCDF inputs once (NetCDF-3 64-bit offset, written by netCDF4-python)."""
    import netCDF4
    import numpy as np
    os.makedirs(DATA, exist_ok=True)
    big = os.path.join(DATA, "daily_20y.nc")
    if not os.path.exists(big):
        print("generating", big, file=sys.stderr)
        write_daily(netCDF4, np, big + ".tmp", 0, 7300)
        os.rename(big + ".tmp", big)
    folder = os.path.join(DATA, "many")
    if not os.path.exists(os.path.join(folder, "part_099.nc")):
        os.makedirs(folder, exist_ok=True)
        print("generating 100 files in", folder, file=sys.stderr)
        for i in range(100):
            write_daily(netCDF4, np, os.path.join(folder, "part_%03d.nc" % i), i * 73, 73)
    return big, os.path.join(folder, "part_*.nc")


def prepare_netcdf4(layout="nc4"):
    """Generates a NetCDF-4 input once: "nc4" chunks (1, ny, nx), deflate level 1 + shuffle, as CMIP6 daily
    files; "nc4b" chunks (73, ny/2, nx/2), deflate level 4, no shuffle."""
    import netCDF4
    import numpy as np
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, "daily_10y_nc4.nc" if layout == "nc4" else "daily_10y_nc4_blocks.nc")
    storage = dict(zlib=True, complevel=1, shuffle=True, chunksizes=(1, 180, 360)) if layout == "nc4" \
        else dict(zlib=True, complevel=4, shuffle=False, chunksizes=(73, 90, 180))
    if not os.path.exists(path):
        print("generating", path, file=sys.stderr)
        days = 3650
        with netCDF4.Dataset(path + ".tmp", "w", format="NETCDF4") as nc:
            write_axes(nc, np, 0, days)
            tas = nc.createVariable("tas", "f4", ("time", "lat", "lon"), **storage)
            tas.units = "K"
            rng = np.random.default_rng(7)
            lat = np.cos(np.deg2rad(np.arange(-89.5, 90, 1.0)))[:, None]
            for start in range(0, days, 365):
                stop = min(days, start + 365)
                season = 10 * np.sin(2 * np.pi * np.arange(start, stop) / 365.25)[:, None, None]
                noise = rng.normal(0, 2, (stop - start, 180, 360))
                tas[start:stop] = np.round(250 + 40 * lat + season + noise, 2).astype(np.float32)
        os.rename(path + ".tmp", path)
    return path


def xarray_netcdf4(name):
    """One NetCDF-4 workload with xarray + dask's threaded scheduler."""
    import dask
    import xarray as xr
    layout, workload = name.split("-", 1)
    ds = xr.open_dataset(prepare_netcdf4(layout), chunks={"time": 365})
    if workload == "mean":
        result = ds.tas.mean()
    elif workload == "climatology":
        result = ds.tas.groupby("time.month").mean("time")
    elif workload == "year":
        result = ds.tas.sel(time="2005").mean("time")
    else:
        result = ds.tas.sel(lat=45.2, lon=10.3, method="nearest").mean()
    tasks = len(dask.optimize(result.data)[0].__dask_graph__())
    result.compute(scheduler="threads")
    ds.close()
    return tasks


def xarray_zarr(name):
    """Writes the 20-year file to Zarr with xarray's defaults (blosc lz4), then a climatology from the store."""
    import dask
    import shutil
    import xarray as xr
    big, _ = prepare_netcdf()
    store = os.path.join(DATA, "dask-out.zarr")
    shutil.rmtree(store, ignore_errors=True)
    with dask.config.set(scheduler="threads"):
        with xr.open_dataset(big, chunks={"time": 73}) as ds:
            ds.to_zarr(store, mode="w")
        with xr.open_zarr(store) as z:
            result = z.tas.groupby("time.month").mean("time")
            tasks = len(dask.optimize(result.data)[0].__dask_graph__())
            result.compute()
    shutil.rmtree(store, ignore_errors=True)
    return tasks


def write_axes(nc, np, first_day, days):
    """The daily time axis from 2000-01-01 and the 1-degree latitudes and longitudes every input has."""
    nc.createDimension("time", days)
    nc.createDimension("lat", 180)
    nc.createDimension("lon", 360)
    t = nc.createVariable("time", "f8", ("time",))
    t.units = "days since 2000-01-01"
    t.calendar = "standard"
    t[:] = np.arange(first_day, first_day + days)
    nc.createVariable("lat", "f4", ("lat",))[:] = np.arange(-89.5, 90, 1.0)
    nc.createVariable("lon", "f4", ("lon",))[:] = np.arange(0.5, 360, 1.0)


def write_daily(netCDF4, np, path, first_day, days):
    with netCDF4.Dataset(path, "w", format="NETCDF3_64BIT_OFFSET") as nc:
        write_axes(nc, np, first_day, days)
        tas = nc.createVariable("tas", "f4", ("time", "lat", "lon"))
        tas.units = "K"
        rng = np.random.default_rng(first_day)
        for start in range(0, days, 365):
            stop = min(days, start + 365)
            tas[start:stop] = (rng.random((stop - start, 180, 360), dtype=np.float32) * 40 + 250)


def ensure_peers():
    try:
        subprocess.run(["/usr/bin/python3", "-c", "import dask.array, numpy, xarray, pandas, netCDF4, distributed"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        print("installing python3-dask and python3-numpy from Debian ...", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "python3-dask", "python3-numpy", "python3-xarray",
                        "python3-pandas", "python3-netcdf4", "python3-distributed"], check=True)


def dask_graph(name):
    import dask.array as da
    if name == "random-mean":
        return da.random.random((20000, 20000), chunks=(1000, 1000)).mean()
    if name == "random-mean-40k":
        return da.random.random((40000, 40000), chunks=(1000, 1000)).mean()
    if name == "random-plus-ones-sum":
        return (da.random.random((10000, 10000), chunks=(1000, 1000)) + da.ones((10000, 10000), chunks=(1000, 1000))).sum()
    if name == "tiny-tasks":
        return da.ones(100000, chunks=10).sum()
    if name == "matmul":
        a = da.random.random((8000, 8000), chunks=(2000, 2000))
        b = da.random.random((8000, 8000), chunks=(2000, 2000))
        return (a @ b).sum()
    if name == "climatology-anomaly":
        import pandas as pd
        import xarray as xr
        field = xr.DataArray(da.random.random((1200, 180, 360), chunks=(12, 180, 360)), dims=("time", "lat", "lon"),
                             coords={"time": pd.date_range("1901-01-01", periods=1200, freq="MS")}, name="tas")
        climatology = field.groupby("time.month").mean("time")
        anomaly = field.groupby("time.month") - climatology
        return anomaly.std("time").sum().data
    raise SystemExit("unknown workload " + name)


def xarray_netcdf(name):
    """Times the NetCDF workloads with xarray: best of the runs, and dask's task count."""
    import dask
    import xarray as xr
    big, pattern = prepare_netcdf()
    if name == "netcdf-year-mean":
        ds = xr.open_dataset(big, chunks={"time": 365})
    else:
        ds = xr.open_mfdataset(pattern, combine="nested", concat_dim="time", chunks={"time": 73}, parallel=True)
    result = ds.tas.sel(time="2005").mean("time")
    tasks = len(dask.optimize(result.data)[0].__dask_graph__())
    result.compute()
    try:
        ds.close()
    except RuntimeError:
        pass  # xarray 2023.01 sometimes closes a cached netCDF4 handle twice after open_mfdataset
    return tasks


def inc(x):
    return x + 1


def distributed_futures(name, repeats):
    """Times futures on distributed's in-process LocalCluster (2 workers x 1 thread)."""
    from distributed import Client, LocalCluster
    with LocalCluster(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        tasks = 10000 if name == "futures-map" else 1000
        best = float("inf")
        for r in range(repeats + 1):
            start = time.perf_counter()
            if name == "futures-map":
                out = client.gather(client.map(inc, range(tasks), pure=False))
                assert out[-1] == tasks
            else:
                for i in range(tasks):
                    assert client.submit(inc, i, pure=False).result() == i + 1
            seconds = time.perf_counter() - start
            if r > 0:
                best = min(best, seconds)
        print(name, "%.4f" % best, tasks)


def numpy_matmul(repeats):
    import numpy as np
    best = float("inf")
    for r in range(repeats + 1):
        a = np.random.random((8000, 8000))
        b = np.random.random((8000, 8000))
        start = time.perf_counter()
        product = a @ b
        seconds = time.perf_counter() - start
        assert not np.isnan(product.sum())
        if r > 0:
            best = min(best, seconds)
    print("matmul-single", "%.4f" % best, 1)


def dask_child(name, repeats):
    """Runs inside a child process: prints 'name seconds tasks'."""
    import dask
    if name in ("futures-map", "submit-roundtrip"):
        distributed_futures(name, repeats)
        return
    if name == "matmul-single":
        numpy_matmul(repeats)
        return
    if name in ("netcdf-year-mean", "mfdataset-year-mean", "zarr-write-climatology") or name.startswith("nc4"):
        best = float("inf")
        tasks = 0
        for r in range(repeats + 1):
            start = time.perf_counter()
            tasks = xarray_netcdf4(name) if name.startswith("nc4") else xarray_zarr(name) if name.startswith("zarr") \
                else xarray_netcdf(name)
            seconds = time.perf_counter() - start
            if r > 0:
                best = min(best, seconds)
        print(name, "%.4f" % best, tasks)
        return
    best = float("inf")
    tasks = 0
    for r in range(repeats + 1):
        graph = dask_graph(name)
        tasks = len(dask.optimize(graph)[0].__dask_graph__())
        start = time.perf_counter()
        graph.compute(scheduler="threads")
        seconds = time.perf_counter() - start
        if r > 0:
            best = min(best, seconds)
    print(name, "%.4f" % best, tasks)


def run_child(command, env=None):
    """Runs a command, returns (stdout, peak RSS in MiB)."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **(env or {})))
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit("command failed: %s\n%s" % (" ".join(command), err))
    return out.strip().split("\n")[-1], usage.ru_maxrss / 1024.0


def codec_floor(repeats):
    """Runs floor.c (the Zarr workload in C, no framework) and returns (seconds, peak RSS), or None without gcc."""
    import shutil
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor.c")
    binary = os.path.join(DATA, "floor")
    if shutil.which("gcc") is None:
        print("no gcc: the codec floor is not measured", file=sys.stderr)
        return None
    if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
        subprocess.run(["gcc", "-O3", "-march=native", "-o", binary, source, "-l:libblosc.so.1", "-lpthread", "-lm"],
                       check=True)
    store = os.path.join(DATA, "floor-out.zarr")
    shutil.rmtree(store, ignore_errors=True)
    line, rss = run_child([binary, os.environ["LAZULI_BENCH_NETCDF"], store, str(repeats)])
    return float(line.split()[1]), rss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--dask-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dask_child:
        dask_child(args.dask_child, args.repeats)
        return
    ensure_peers()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    jar = os.path.join(root, "benchmarks", "target", "benchmarks.jar")
    if not os.path.exists(jar):
        raise SystemExit("build first: mvn -B -DskipTests package (missing %s)" % jar)
    rows = []
    if any(w.startswith("netcdf") or w.startswith("mfdataset") or w.startswith("zarr")
           for w in args.workloads.split(",")):
        big, pattern = prepare_netcdf()
        os.environ["LAZULI_BENCH_NETCDF"] = big
        os.environ["LAZULI_BENCH_MFDATASET"] = pattern
        os.environ["LAZULI_BENCH_ZARR_OUT"] = os.path.join(DATA, "lazuli-out.zarr")
    if any(w.startswith("nc4-") for w in args.workloads.split(",")):
        os.environ["LAZULI_BENCH_NETCDF4"] = prepare_netcdf4("nc4")
    if any(w.startswith("nc4b-") for w in args.workloads.split(",")):
        os.environ["LAZULI_BENCH_NETCDF4_BLOCKS"] = prepare_netcdf4("nc4b")
    for name in args.workloads.split(","):
        java_line, java_rss = run_child(["java", JAVA_HEAP.get(name, "-Xmx1g")] + ND4J_FLAGS
                                        + ["-cp", jar, "org.lazuli.benchmarks.SideBySide", name, str(args.repeats)],
                                        JAVA_ENV.get(name))
        dask_line, dask_rss = run_child(["/usr/bin/python3", os.path.abspath(__file__), "--dask-child", name,
                                         "--repeats", str(args.repeats)], DASK_ENV.get(name))
        _, java_s, java_tasks = java_line.split()
        _, dask_s, dask_tasks = dask_line.split()
        rows.append((name, float(java_s), float(dask_s), java_rss, dask_rss, java_tasks, dask_tasks))
        print("done:", name, file=sys.stderr)
    floor = codec_floor(args.repeats) if "zarr-write-climatology" in args.workloads.split(",") else None
    print("| workload | Lazuli (s) | dask threaded (s) | Lazuli speed-up | Lazuli peak RSS | dask peak RSS "
          "| tasks Lazuli / dask |")
    print("|---|---|---|---|---|---|---|")
    for name, js, ds, jr, dr, jt, dt in rows:
        print("| %s | %.3f | %.3f | %.1fx | %.0f MiB | %.0f MiB | %s / %s |" % (WORKLOADS[name], js, ds, ds / js, jr, dr,
                                                                          jt, dt))
    for r in rows:
        if r[0] in ("futures-map", "submit-roundtrip"):
            print("\nper task (%s): Lazuli %.1f us, dask distributed %.1f us" % (r[0], r[1] / int(r[5]) * 1e6,
                                                                             r[2] / int(r[6]) * 1e6))
    if floor:
        zarr = [r for r in rows if r[0] == "zarr-write-climatology"][0]
        print("\nzarr-write-climatology without a framework (floor.c: the same codec, chunks and two threads, in C):"
              " %.3f s, peak RSS %.0f MiB; Lazuli takes %.2fx the floor, dask %.2fx"
              % (floor[0], floor[1], zarr[1] / floor[0], zarr[2] / floor[0]))
    tiny = [r for r in rows if r[0] == "tiny-tasks"]
    if tiny:
        name, js, ds, _, _, jt, dt = tiny[0]
        print("\nper task (tiny-tasks): Lazuli %.1f us, dask %.1f us" % (js / int(jt) * 1e6, ds / int(dt) * 1e6))


if __name__ == "__main__":
    main()
