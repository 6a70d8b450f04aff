#!/usr/bin/python3
"""Reference values for LabelledReferenceTest, computed by xarray on the same synthetic data.

Run with Debian's python3-xarray (apt-get install python3-xarray python3-netcdf4):
    /usr/bin/python3 core/src/test/resources/reference/make_labelled_reference.py > core/src/test/resources/reference/labelled.json

The data (mirrored in the Java test): value(t, y, x) = 10 sin(0.1 i) + 0.01 i with i the row-major flat index,
NaN where i % 17 == 0; time: 48 month starts from 2000-01 in the noleap calendar; lat -40..40 by 20; lon 0..270 by 90.
"""
import json
import math

import numpy as np
import pandas as pd
import xarray as xr

T, Y, X = 48, 5, 4
flat = np.arange(T * Y * X)
values = 10 * np.sin(0.1 * flat) + 0.01 * flat
values[flat % 17 == 0] = np.nan
time = xr.cftime_range("2000-01-01", periods=T, freq="MS", calendar="noleap")
da = xr.DataArray(values.reshape(T, Y, X), dims=("time", "lat", "lon"),
                  coords={"time": time, "lat": [-40.0, -20.0, 0.0, 20.0, 40.0], "lon": [0.0, 90.0, 180.0, 270.0]},
                  name="v")


def dump(a):
    a = a.compute()
    return {"dims": list(a.dims), "shape": list(a.shape),
            "values": [None if (isinstance(v, float) and math.isnan(v)) else v for v in np.asarray(a.values, dtype=float).ravel().tolist()]}


ref = {}
ref["mean_time"] = dump(da.mean("time"))
ref["sum_all_min_count"] = dump(da.isel(time=slice(0, 2)).sum(["lat", "lon"], min_count=19))
ref["std_lat_lon"] = dump(da.std(["lat", "lon"]))
ref["std_ddof1_time"] = dump(da.std("time", ddof=1))
ref["median_time"] = dump(da.median("time"))
ref["quantile_90_lon"] = dump(da.quantile(0.9, dim="lon").drop_vars("quantile"))
ref["max_noskip_lon"] = dump(da.max("lon", skipna=False))
ref["count_time"] = dump(da.count("time"))
ref["sel_slice"] = dump(da.sel(time=slice("2001-03", "2002-02"), lat=slice(-20, 20)).mean("time"))
ref["sel_nearest"] = dump(da.sel(lat=13.0, method="nearest").isel(time=5))
ref["sel_pad"] = dump(da.sel(lon=100.0, method="pad").isel(time=7))
ref["sel_year"] = dump(da.sel(time="2002").sum("time"))
ref["climatology"] = dump(da.groupby("time.month").mean("time"))
anomaly = da.groupby("time.month") - da.groupby("time.month").mean("time")
ref["anomaly_std"] = dump(anomaly.std("time"))
ref["season_max"] = dump(da.groupby("time.season").max("time"))
ref["resample_ys"] = dump(da.resample(time="YS").mean())
ref["resample_qsdec"] = dump(da.isel(lat=0, lon=0).resample(time="QS-DEC").sum())
ref["rolling_center"] = dump(da.isel(lat=1, lon=2).rolling(time=3, center=True).mean())
ref["rolling_min_periods"] = dump(da.isel(lat=1, lon=2).rolling(time=4, min_periods=2).max())
ref["coarsen_lat"] = dump(da.isel(time=0).coarsen(lon=2).mean())
other = da.isel(lat=slice(1, 5), lon=slice(0, 3)).mean("time")
ref["align_inner_add"] = dump(da.mean("time") + other)
a, b = xr.align(da.mean("time"), other, join="outer")
ref["align_outer_left"] = dump(a)
ref["align_outer_right"] = dump(b)
ref["broadcast_by_name"] = dump(da.isel(time=0) * da.isel(time=0).mean("lat"))
ref["argmax_time"] = dump(da.isel(lat=0).argmax("time"))
ref["idxmax_lat"] = dump(da.isel(time=3).fillna(-100).idxmax("lat"))
ref["where_fillna"] = dump(da.isel(time=0).where(da.isel(time=0) > 0).fillna(-1))
ref["groupby_bins_lat"] = dump(da.isel(time=0).groupby_bins("lat", [-50, -10, 30, 50]).mean())
scaled = da.isel(time=slice(0, 6)) / 20   # within [-1, 1] mostly, so that arcsin/arccos give values and NaN
for f in ["sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "deg2rad", "rad2deg", "log10",
          "log2", "log1p", "expm1", "floor", "ceil", "trunc", "sign", "isfinite", "isinf"]:
    ref["ufunc_" + f] = dump(getattr(np, f)(scaled))
ref["ufunc_arctan2"] = dump(np.arctan2(scaled, scaled.isel(lon=0)))
ref["ufunc_hypot"] = dump(np.hypot(scaled, scaled.mean("time")))
ref["cmp_ge_array"] = dump(scaled >= scaled.mean("lat"))
ref["isin"] = dump(da.isel(time=0).round().isin([2.0, -3.0, 7.0]))
ref["shift_time"] = dump(da.shift(time=3))
ref["shift_lat_back_fill"] = dump(da.shift(lat=-2, fill_value=-5.0))
ref["roll_time"] = dump(da.roll(time=10, roll_coords=False))
ref["diff_time_2"] = dump(da.diff("time", n=2))
ref["diff_lat_coords"] = dump(da.isel(time=1).diff("lat").lat)
ref["cumsum_time"] = dump(da.cumsum("time"))
ref["cumsum_time_noskip"] = dump(da.cumsum("time", skipna=False))
ref["cumprod_lon"] = dump((da / 10).cumprod("lon"))
weights = np.cos(np.deg2rad(da.lat))
ref["weighted_mean_lat_lon"] = dump(da.weighted(weights).mean(["lat", "lon"]))
ref["weighted_sum_lat"] = dump(da.weighted(weights).sum("lat"))
ref["weighted_sum_of_weights_lat"] = dump(da.weighted(weights).sum_of_weights("lat"))
ref["weighted_var_time_lat"] = dump(da.weighted(weights).var(["time", "lat"]))
ref["weighted_std_lat"] = dump(da.weighted(weights).std("lat"))
ref["weighted_quantile_lat"] = dump(da.weighted(weights).quantile(0.9, dim="lat").drop_vars("quantile"))
ref["weighted_quantile_time_lon"] = dump(da.weighted(weights).quantile(0.25, dim=["time", "lon"]).drop_vars("quantile"))
ref["where_other_array"] = dump(da.where(da > 1, da.mean("time")))
ref["where_drop"] = dump(da.isel(time=0).where(da.isel(time=0) > 5, drop=True))
ref["broadcast_like"] = dump(da.isel(time=0, lon=slice(1, 3)).broadcast_like(da.isel(lat=slice(0, 3)).mean("time")))
# apply_ufunc with dask="parallelized" on chunked data (core dimensions whole)
chunked = da.chunk({"time": -1, "lat": 2, "lon": 3})
ref["apply_sort_time"] = dump(xr.apply_ufunc(np.sort, chunked, input_core_dims=[["time"]], output_core_dims=[["time"]],
                                             dask="parallelized", output_dtypes=[float]))
ref["apply_range_time"] = dump(xr.apply_ufunc(lambda x: np.nanmax(x, axis=-1) - np.nanmin(x, axis=-1), chunked,
                                              input_core_dims=[["time"]], dask="parallelized", output_dtypes=[float]))
ref["apply_two_arguments"] = dump(xr.apply_ufunc(lambda a, b: np.nansum(a * b, axis=-1),
                                                 da.chunk({"time": 7, "lon": -1}), da.mean("time"),
                                                 input_core_dims=[["lon"], ["lon"]], dask="parallelized",
                                                 output_dtypes=[float]))
ref["apply_vectorized_trend"] = dump(xr.apply_ufunc(lambda y: np.polyfit(np.arange(y.size), np.nan_to_num(y), 1)[0],
                                                    chunked, input_core_dims=[["time"]], vectorize=True,
                                                    dask="parallelized", output_dtypes=[float]))
ref["apply_new_dimension"] = dump(xr.apply_ufunc(lambda x: np.stack([np.nanmin(x, -1), np.nanmax(x, -1)], axis=-1),
                                                 chunked, input_core_dims=[["time"]], output_core_dims=[["stat"]],
                                                 dask="parallelized", output_dtypes=[float],
                                                 dask_gufunc_kwargs={"output_sizes": {"stat": 2}}))
ref["reindex_lat"] = dump(da.reindex(lat=[-40.0, -30.0, 0.0, 40.0, 50.0]))
ref["reindex_lat_nearest"] = dump(da.reindex(lat=[-33.0, 1.0, 47.0], method="nearest"))
ref["reindex_lat_tolerance"] = dump(da.reindex(lat=[-33.0, 1.0, 47.0], method="nearest", tolerance=5))
ref["reindex_nearest_tolerance_fill"] = dump(da.reindex(lat=[-33.0, 1.0, 47.0], method="nearest", tolerance=5,
                                                        fill_value=-9.0))
ref["reindex_lon_fill"] = dump(da.reindex(lon=[0.0, 45.0, 90.0], fill_value=-1))
import cftime
ref["reindex_time"] = dump(da.reindex(time=[cftime.DatetimeNoLeap(2000, 3, 1), cftime.DatetimeNoLeap(2000, 3, 15),
                                            cftime.DatetimeNoLeap(2003, 12, 1)]))
ref["interp_lat"] = dump(da.interp(lat=[-45.0, -40.0, -35.0, 5.0, 12.5, 40.0, 41.0]))
ref["interp_lat_nearest"] = dump(da.interp(lat=[-31.0, -30.0, 10.0, 44.0], method="nearest"))
ref["interp_time"] = dump(da.interp(time=[cftime.DatetimeNoLeap(2000, 1, 16), cftime.DatetimeNoLeap(2001, 6, 1, 12)]))
# cubic: SciPy solves every series in one system, so one NaN anywhere makes all NaN; per series (what dask
# gives chunk by chunk, and Lazuli gives) a NaN makes its own series NaN: NaN-free data here, NaN per series apart
filled = da.fillna(0.0)
ref["interp_lat_cubic"] = dump(filled.interp(lat=[-45.0, -40.0, -37.5, -5.0, 12.5, 33.0, 40.0], method="cubic"))
uneven = xr.concat([filled.isel(lon=[0, 1, 3]), filled.isel(lon=0).assign_coords(lon=300.0)], "lon")
ref["interp_lon_cubic_uneven"] = dump(uneven.interp(lon=[10.0, 200.0, 299.0], method="cubic"))
ref["interp_time_cubic"] = dump(filled.interp(time=[cftime.DatetimeNoLeap(2000, 1, 16),
                                                    cftime.DatetimeNoLeap(2003, 11, 20)], method="cubic"))
ref["interp_lat_cubic_nan_series"] = dump(xr.concat([da.isel(time=0, lon=lon).interp(lat=[-30.0, 10.0], method="cubic")
                                                     for lon in range(4)], "lon").transpose("lat", "lon"))
ref["groupby_median"] = dump(da.groupby("time.month").median("time"))
ref["groupby_quantile_90"] = dump(da.groupby("time.season").quantile(0.9, dim="time").drop_vars("quantile"))
ref["pad_lat"] = dump(da.pad(lat=(1, 2)))
ref["pad_lon_constant"] = dump(da.pad(lon=(2, 1), constant_values=-5.0))
ref["pad_lat_edge"] = dump(da.pad(lat=(2, 1), mode="edge"))
ref["pad_lat_coords"] = dump(da.pad(lat=(1, 2)).lat)
point = da.isel(lat=1, lon=2)
ref["upsample_asfreq"] = dump(point.resample(time="10D").asfreq())
ref["upsample_ffill"] = dump(point.resample(time="10D").ffill())
ref["upsample_bfill"] = dump(point.resample(time="10D").bfill())
ref["upsample_interpolate"] = dump(point.resample(time="10D").interpolate("linear"))
# calendar conversion of daily series: (source calendar, start, days) -> (target, align_on)
conversions = []
for conversion in [("standard", "2000-01-28", 40, "noleap", None),
                                           ("standard", "2000-01-28", 40, "360_day", "date"),
                                           ("standard", "2000-01-28", 40, "all_leap", None),
                                           ("360_day", "2000-02-25", 10, "proleptic_gregorian", "date"),
                                           ("standard", "2001-01-01", 365, "360_day", "year"),
                                           ("360_day", "2001-01-01", 360, "standard", "year"),
                                           ("noleap", "2003-12-20", 30, "julian", None),
                                           ("noleap", "2000-02-20", 20, "standard", None, -1.0),
                                           ("360_day", "2000-01-25", 36, "noleap", "date", -7.0),
                                           ("360_day", "2000-01-21", 40, "standard", "date", -2.0),
                                           ("standard", "2000-02-10", 30, "all_leap", None, -3.0)]:
    source, start, days, target, align = conversion[:5]
    missing = conversion[5] if len(conversion) > 5 else None
    series = xr.DataArray(np.arange(float(days)), dims="time", name="v",
                          coords={"time": xr.cftime_range(start, periods=days, freq="D", calendar=source)})
    converted = series.convert_calendar(target, align_on=align, use_cftime=True, missing=missing)
    entry = {"source": source, "start": start, "days": days, "target": target, "align_on": align,
             "dates": [(d if hasattr(d, "strftime") else pd.Timestamp(d)).strftime("%Y-%m-%d %H:%M:%S")
                       for d in converted.time.values],
             "values": converted.values.tolist()}
    if missing is not None:
        entry["missing"] = missing
    conversions.append(entry)
ref["convert_calendar"] = conversions
station_lat = xr.DataArray([0, 2, 4, 4], dims="station")
station_lon = xr.DataArray([1, 1, 3, 0], dims="station")
ref["pointwise_isel"] = dump(da.isel(lat=station_lat, lon=station_lon))
ref["pointwise_isel_coords"] = dump(da.isel(lat=station_lat, lon=station_lon).lat)
ref["pointwise_sel_nearest"] = dump(da.sel(lat=xr.DataArray([-33.0, 12.0], dims="pt"),
                                           lon=xr.DataArray([80.0, 200.0], dims="pt"), method="nearest"))
ref["pointwise_not_adjacent"] = dump(da.isel(time=xr.DataArray([0, 5], dims="p"), lon=xr.DataArray([1, 2], dims="p")))
# stack and unstack: product order, levels in use in their stacked order, NaN for missing combinations
stacked = da.stack(z=("lat", "lon"))
ref["stack_lat_lon"] = dump(stacked)
ref["stack_level_lon_coords"] = dump(da.stack(z=("lon", "lat")).lon)
ref["stack_three"] = dump(da.isel(time=slice(0, 3)).stack(s=("lon", "time", "lat")))
ref["unstack_roundtrip"] = dump(stacked.unstack("z"))
ref["unstack_subset"] = dump(stacked.isel(z=[13, 5, 0, 2, 6]).unstack("z"))
ref["unstack_subset_lat_coords"] = dump(stacked.isel(z=[13, 5, 0, 2, 6]).unstack("z").lat)
ref["unstack_mean_back"] = dump((stacked - stacked.mean("z")).unstack())
pair = xr.Dataset({"v": da, "m": da.mean("lon")})
ref["dataset_stack_broadcast"] = dump(pair.stack(z=("lat", "lon"))["m"])
ref["dataset_sel_pointwise"] = dump(pair.sel(lat=xr.DataArray([-20.0, 40.0], dims="pt"),
                                            lon=xr.DataArray([270.0, 90.0], dims="pt"))["v"])
ref["dataset_sel_pointwise_m"] = dump(pair.sel(lat=xr.DataArray([-20.0, 40.0], dims="pt"),
                                              lon=xr.DataArray([270.0, 90.0], dims="pt"))["m"])
blocks = da.chunk({"time": 7, "lat": 2, "lon": 3})   # the Java test's chunks
ref["map_blocks_anomaly"] = dump(blocks.map_blocks(lambda b: b - b.mean() - b.lat * 0.1))
# map_blocks with a template of another shape: a dimension dropped (one block), shortened per block, added
whole_time = da.chunk({"time": -1, "lat": 2, "lon": 3})
ref["map_blocks_drop_time"] = dump(whole_time.map_blocks(lambda b: b.mean("time"), template=whole_time.mean("time")))
ref["map_blocks_first_lat"] = dump(blocks.map_blocks(lambda b: b.isel(lat=slice(0, 1)),
                                                     template=blocks.isel(lat=[0, 2, 4]).chunk({"lat": 1})))
ref["map_blocks_new_stat"] = dump(whole_time.map_blocks(
    lambda b: xr.concat([b.min("time"), b.max("time")], "stat"),
    template=xr.concat([whole_time.min("time"), whole_time.max("time")], "stat").chunk({"stat": -1})))
ref["isel_boolean"] = dump(da.isel(lat=da.lat > -30.0, lon=np.array([True, False, True, True])))
# merge and concat with xarray's compat/join/data_vars options
first6 = da.isel(time=slice(0, 6))
a = first6.to_dataset(name="v")
b = (da.isel(time=slice(0, 6), lat=slice(1, 5)) * 2).to_dataset(name="w")
ref["merge_outer_w"] = dump(xr.merge([a, b])["w"])
ref["merge_inner_v"] = dump(xr.merge([a, b], join="inner")["v"])
ref["merge_left_w"] = dump(xr.merge([a, b], join="left")["w"])
ref["merge_no_conflicts_fill"] = dump(xr.merge([first6.where(first6 > 0).to_dataset(name="v"),
                                                first6.where(first6 <= 0).to_dataset(name="v")])["v"])
static = da.isel(time=0).mean("lon")
p1 = da.isel(time=slice(0, 3)).to_dataset(name="v").assign(static=static)
p2 = da.isel(time=slice(3, 6)).to_dataset(name="v").assign(static=static)
p3 = p2.assign(static=static + 1)
ref["concat_all_static"] = dump(xr.concat([p1, p2], "time")["static"])
ref["concat_minimal_static"] = dump(xr.concat([p1, p2], "time", data_vars="minimal")["static"])
ref["concat_different_static"] = dump(xr.concat([p1, p3], "time", data_vars="different")["static"])
ref["concat_different_same"] = dump(xr.concat([p1, p2], "time", data_vars="different")["static"])
q2 = da.isel(time=slice(3, 6), lat=slice(0, 3)).to_dataset(name="v")
ref["concat_outer_lat"] = dump(xr.concat([p1[["v"]], q2], "time")["v"])
ref["concat_inner_lat"] = dump(xr.concat([p1[["v"]], q2], "time", join="inner")["v"])
ref["concat_new_member"] = dump(xr.concat([p1[["v"]], p2[["v"]].assign_coords(time=p1.time)], "member")["v"])
pair_blocks = xr.Dataset({"v": da, "m": da.mean("lon")}).chunk({"time": 7, "lat": 2, "lon": -1})
anomalies = pair_blocks.map_blocks(lambda b: b.map(lambda a: a - a.mean()))
ref["dataset_map_blocks_v"] = dump(anomalies["v"])
ref["dataset_map_blocks_m"] = dump(anomalies["m"])
pair_whole_time = pair_blocks.chunk({"time": -1})
ref["dataset_map_blocks_drop_time_m"] = dump(pair_whole_time.map_blocks(lambda b: b.max("time"),
                                                                        template=pair_whole_time.max("time"))["m"])
ref["head_time"] = dump(da.head(time=5))
ref["tail_lat"] = dump(da.tail(lat=2))
ref["thin_time"] = dump(da.thin(time=7))
ref["drop_sel_lat"] = dump(da.drop_sel(lat=[-20.0, 20.0]))
ref["sortby_lat_descending"] = dump(da.isel(lat=[3, 0, 4, 1, 2]).sortby("lat", ascending=False))
ref["sortby_time"] = dump(da.isel(time=[(7 * i) % 48 for i in range(48)]).sortby("time").mean("lat"))
fit_lat = da.polyfit("lat", 2).polyfit_coefficients
fit_time = da.polyfit("time", 1).polyfit_coefficients   # noleap dates: nanoseconds since 1970-01-01 of the calendar
ref["polyfit_lat_2"] = dump(fit_lat)
ref["polyfit_time_1"] = dump(fit_time)
ref["polyfit_polyval_lat"] = dump(xr.polyval(da.lat, fit_lat))
ref["polyfit_polyval_time"] = dump(xr.polyval(da.time, fit_time))
ref["differentiate_lat"] = dump(da.differentiate("lat"))
ref["differentiate_time"] = dump(da.differentiate("time"))   # noleap cftime: seconds; months are uneven
ref["differentiate_time_days"] = dump(da.differentiate("time", datetime_unit="D"))
ref["integrate_lat"] = dump(da.integrate("lat"))
ref["integrate_time_days"] = dump(da.fillna(0).integrate("time", datetime_unit="D"))
ref["integrate_time_nan"] = dump(da.isel(lon=0).integrate("time"))   # every series has a NaN: NaN throughout
partner = np.cos(da.isel(lon=1)) * 5 + da.shift(time=1)      # NaNs of its own, broadcast over lon
ref["cov_time"] = dump(xr.cov(da, partner, dim="time"))
ref["cov_lat_ddof0"] = dump(xr.cov(da, partner, dim="lat", ddof=0))
ref["corr_time"] = dump(xr.corr(da, partner, dim="time"))
ref["corr_all"] = dump(xr.corr(da.isel(lon=0), partner.isel(lon=2)))
ref["dot_common"] = dump(xr.dot(da.fillna(0), weights))
ref["dot_lat_lon"] = dump(xr.dot(da, partner, dims=["lat", "lon"]))
# which operations keep the attributes (xarray's keep_attrs defaults, operation by operation)
dak = da.assign_attrs(units="K", long_name="air temperature")
kept = {
    "mean": dak.mean("time"), "groupby_mean": dak.groupby("time.month").mean("time"),
    "groupby_std": dak.groupby("time.month").std("time"),
    "groupby_subtract": dak.groupby("time.month") - dak.groupby("time.month").mean("time"),
    "resample_mean": dak.resample(time="YS").mean(), "resample_max": dak.resample(time="YS").max(),
    "rolling_mean": dak.rolling(time=3).mean(), "rolling_max": dak.rolling(time=3).max(),
    "coarsen_mean": dak.coarsen(time=2).mean(), "where": dak.where(dak > 3), "where_other": dak.where(dak > 3, 0),
    "fillna": dak.fillna(0), "clip": dak.clip(0, 5), "shift": dak.shift(time=1), "cumsum": dak.cumsum("time"),
    "diff": dak.diff("time"), "round": dak.round(), "isel": dak.isel(time=0), "median": dak.median("time"),
    "weighted_mean": dak.weighted(weights).mean("lat"), "differentiate": dak.differentiate("lat"),
    "integrate": dak.integrate("lat"), "add": dak + 1, "sin": np.sin(dak),
}
ref["keep_attrs"] = {name: dict(result.attrs) for name, result in kept.items()}
# the dt accessor in every calendar: 7-hourly steps over 90 days across a year end (and a leap day)
dt_parts = {}
for calendar in ["standard", "proleptic_gregorian", "julian", "noleap", "all_leap", "360_day"]:
    times = xr.cftime_range("1999-12-01", periods=300, freq="7H", calendar=calendar)
    if calendar in ("standard", "proleptic_gregorian"):
        times = times.to_datetimeindex()
    t = xr.DataArray(times, dims="time", name="time")
    parts = {f: t.dt.__getattribute__(f).values.tolist() for f in
             ["year", "month", "day", "hour", "dayofyear", "dayofweek", "daysinmonth"]}
    parts["season"] = t.dt.season.values.tolist()
    parts["floor_D"] = t.dt.floor("D").dt.strftime("%Y-%m-%d %H:%M:%S").values.tolist()
    parts["round_D"] = t.dt.round("D").dt.strftime("%Y-%m-%d %H:%M:%S").values.tolist()
    parts["ceil_D"] = t.dt.ceil("D").dt.strftime("%Y-%m-%d %H:%M:%S").values.tolist()
    parts["strftime"] = t.dt.strftime("%Y/%j %H%%").values.tolist()
    dt_parts[calendar] = parts
ref["dt"] = dt_parts
# date ranges (xarray's cftime_range), in every calendar
ranges = []
for calendar in ["standard", "proleptic_gregorian", "julian", "noleap", "all_leap", "360_day"]:
    for start, end, periods, freq in [("2000-01-15", None, 5, "MS"), ("2000-01-15", None, 5, "M"), ("1999-11-20", None, 4, "Q"),
                                      ("2000-02-10", None, 4, "QS-DEC"), ("2000-03-01", None, 3, "A"),
                                      ("2000-03-01", None, 3, "AS"), ("2000-02-27T06:00", None, 5, "D"),
                                      ("2000-02-28T22:00", None, 5, "7H"), ("2000-01-15", None, 3, "2MS"),
                                      ("2000-01-20", "2000-06-30", None, "M"), ("2000-02-25", "2000-03-02", None, "D")]:
        dates = xr.cftime_range(start=start, end=end, periods=periods, freq=freq, calendar=calendar)
        ranges.append({"calendar": calendar, "start": start, "end": end, "periods": periods, "freq": freq,
                       "dates": [d.strftime("%Y-%m-%d %H:%M:%S") for d in dates]})
ref["date_range"] = ranges
# resampling bins: closed/label/origin/offset, period ends, weeks (pandas, on datetime64) and multiples
def series(kind, calendar):
    if kind == "monthly":
        return da.isel(lat=1, lon=2)
    if kind == "sevenhourly":
        times = xr.cftime_range("1999-12-01", periods=300, freq="7H", calendar=calendar)
        values = 10 * np.sin(0.1 * np.arange(300.0))
    else:   # daily, standard calendar, as datetime64 (pandas resamples it)
        times = xr.cftime_range("2000-02-20", periods=60, freq="D", calendar="standard").to_datetimeindex()
        values = np.arange(60.0) ** 1.5
    return xr.DataArray(values, dims="time", coords={"time": times}, name="v")


resamples = []
for kind, calendar, freq, options in [
        ("monthly", "noleap", "M", {}), ("monthly", "noleap", "Q", {}), ("monthly", "noleap", "A", {}),
        ("monthly", "noleap", "MS", {"closed": "right", "label": "right"}), ("monthly", "noleap", "QS-DEC", {"label": "right"}),
        ("monthly", "noleap", "2MS", {}), ("monthly", "noleap", "3M", {}), ("monthly", "noleap", "A-JUN", {}),
        ("monthly", "noleap", "M", {"closed": "left"}), ("monthly", "noleap", "Q-NOV", {"label": "left"}),
        ("sevenhourly", "noleap", "D", {}), ("sevenhourly", "noleap", "6H", {}),
        ("sevenhourly", "noleap", "6H", {"offset": "2H"}), ("sevenhourly", "noleap", "6H", {"closed": "right"}),
        ("sevenhourly", "noleap", "5H", {"origin": "epoch"}), ("sevenhourly", "noleap", "5H", {"origin": "start"}),
        ("sevenhourly", "noleap", "5H", {"origin": "end"}), ("sevenhourly", "noleap", "5H", {"origin": "end_day"}),
        ("sevenhourly", "noleap", "2D", {}), ("sevenhourly", "noleap", "2D", {"closed": "right"}),
        ("sevenhourly", "noleap", "12H", {"label": "right"}), ("sevenhourly", "noleap", "M", {}),
        ("sevenhourly", "360_day", "M", {}), ("sevenhourly", "360_day", "3D", {"offset": "5H"}),
        ("sevenhourly", "all_leap", "MS", {}),
        ("daily", "standard", "W", {}), ("daily", "standard", "W-MON", {}), ("daily", "standard", "W", {"label": "left"}),
        ("daily", "standard", "2W", {}), ("daily", "standard", "M", {}), ("daily", "standard", "MS", {"closed": "right"}),
        ("daily", "standard", "W", {"closed": "left"}), ("daily", "standard", "4D", {"origin": "epoch"})]:
    result = series(kind, calendar).resample(time=freq, **options).mean()
    stamps = [(t if hasattr(t, "strftime") else t.to_pydatetime()) for t in
              (result.indexes["time"] if kind == "daily" else result.time.values)]
    resamples.append({"series": kind, "calendar": calendar, "freq": freq, "options": options,
                      "labels": [t.strftime("%Y-%m-%d %H:%M:%S") for t in stamps],
                      "values": [None if math.isnan(v) else v for v in result.values.tolist()]})
ref["resample_bins"] = resamples
ref["resample_me_point"] = dump(da.isel(lat=1, lon=2).resample(time="M").mean())
print(json.dumps(ref, indent=1))
