"""Reference colour scales from xarray's own choice (xarray.plot.utils._determine_cmap_params, xarray 2023.01
with matplotlib 3.6): for each case, the data's range and the user's options, and what xarray picks.
/usr/bin/python3 make_colour_scale_reference.py > colour_scales.json"""
import json
import numpy as np
from xarray.plot.utils import _determine_cmap_params

CASES = [
    dict(data=[250.0, 310.0]), dict(data=[-3.2, 7.9]), dict(data=[-12.5, -0.4]), dict(data=[0.0, 1.0]),
    dict(data=[-1.0, 1.0], levels=10), dict(data=[250.0, 310.0], levels=7), dict(data=[-3.2, 7.9], levels=9),
    dict(data=[0.0013, 0.0419], levels=8), dict(data=[101000.0, 103250.0], levels=6), dict(data=[5.0, 5.0], levels=4),
    dict(data=[250.0, 310.0], center=273.15), dict(data=[-3.2, 7.9], vmin=-2.0), dict(data=[-3.2, 7.9], vmax=5.0),
    dict(data=[-3.2, 7.9], vmin=-1.0, vmax=4.0), dict(data=[-3.2, 7.9], vmin=-1.0, vmax=4.0, levels=6),
    dict(data=[250.0, 310.0], cmap="cividis"), dict(data=[-3.2, 7.9], levels=1), dict(data=[1e-7, 3e-6], levels=5),
    dict(data=[-40.0, 35.0], levels=16), dict(data=[float("nan"), float("nan")]),
]
out = []
for case in CASES:
    data = np.array(case["data"])
    params = _determine_cmap_params(data, vmin=case.get("vmin"), vmax=case.get("vmax"), cmap=case.get("cmap"),
                                    center=case.get("center"), levels=case.get("levels"))
    cmap = params["cmap"]
    name = cmap if isinstance(cmap, str) else cmap.name
    levels = params["levels"]
    norm = params["norm"]
    vmin = params["vmin"] if params["vmin"] is not None else norm.vmin   # a discrete scale keeps its limits in the norm
    vmax = params["vmax"] if params["vmax"] is not None else norm.vmax
    name = name.removesuffix("_discrete") if hasattr(str, "removesuffix") else name
    out.append(dict(case=case, vmin=float(vmin), vmax=float(vmax), cmap=name,
                    levels=None if levels is None else [float(v) for v in levels]))
print(json.dumps(out, indent=1, allow_nan=True))
