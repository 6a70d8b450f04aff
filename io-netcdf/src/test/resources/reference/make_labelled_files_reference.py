#!/usr/bin/python3
"""Labelled operations on real files, computed by xarray (Debian's python3-xarray 2023.01), for
LabelledOnFilesTest:

    /usr/bin/python3 io-netcdf/src/test/resources/reference/make_labelled_files_reference.py testdata \
        > io-netcdf/src/test/resources/reference/labelled_files.json
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import xarray as xr

warnings.simplefilter("ignore")


def dump(a):
    a = a.compute()
    return {"dims": list(a.dims), "shape": list(a.shape),
            "values": [None if math.isnan(v) else v for v in np.asarray(a.values, dtype=float).ravel().tolist()]}


folder = sys.argv[1]
winds = xr.open_dataset(os.path.join(folder, "monthly_navy_winds.cdf"), chunks={"TIME": 12})
bcsd = xr.open_dataset(os.path.join(folder, "bcsd_obs_1999.nc"))
sub = xr.open_dataset(os.path.join(folder, "sub.nc"))
tas360 = xr.open_dataset(os.path.join(folder, "tas_mod2_hist_rectilin_grid_2D.nc"))
ref = {
    "winds_climatology_point": dump(winds.UWND.sel(TIME=slice("1984-10", "1990-04")).groupby("TIME.month").mean("TIME")
                                    .isel(FNOCY=slice(30, 33), FNOCX=slice(0, 4))),
    "winds_anomaly_std": dump(
        (winds.UWND.sel(TIME=slice("1984-10", "1990-04")).groupby("TIME.month")
         - winds.UWND.sel(TIME=slice("1984-10", "1990-04")).groupby("TIME.month").mean("TIME")).std()),
    "winds_nearest_series": dump(winds.VWND.sel(FNOCY=45.2, method="nearest").isel(FNOCX=10)),
    "winds_yearly": dump(winds.UWND.resample(TIME="YS").mean().mean(["FNOCX", "FNOCY"])),
    "bcsd_season_max": dump(bcsd.tas.groupby("time.season").max("time").mean(["latitude", "longitude"])),
    "bcsd_pr_quantile": dump(bcsd.pr.quantile(0.75, dim="time").drop_vars("quantile").isel(latitude=slice(0, 3),
                                                                                           longitude=slice(0, 3))),
    "sub_u_level_mean": dump(sub.u.mean(["time", "longitude"])),
    "tas360_monthly": dump(tas360.tas.groupby("time.month").mean("time").squeeze()),
    "tas360_year_ends": dump(tas360.tas.resample(time="A").mean().squeeze()),
    "winds_quarter_ends": dump(winds.UWND.resample(TIME="Q", label="left").max().mean(["FNOCX", "FNOCY"])),
    "winds_stacked_points": dump(winds.UWND.isel(TIME=0, FNOCY=slice(30, 33), FNOCX=slice(0, 4))
                                 .stack(point=("FNOCY", "FNOCX"))),
    "winds_cubic_lat": dump(winds.UWND.isel(TIME=5, FNOCX=slice(0, 5)).fillna(0.0)
                            .interp(FNOCY=[10.5, 20.25, 33.3], method="cubic")),
}
print(json.dumps(ref, indent=1))
