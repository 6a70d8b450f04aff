"""Writes plot/src/main/resources/org/lazuli/plot/colormaps.txt: matplotlib's colour maps that xarray
chooses (viridis for sequential data, RdBu_r for data either side of zero) and cividis, 256 entries each,
as matplotlib samples them. Run with a Python that has matplotlib: /usr/bin/python3 plot/scripts/make_colormaps.py"""
import pathlib
import matplotlib
from matplotlib import colormaps

NAMES = ["viridis", "cividis", "RdBu_r", "RdBu", "magma", "plasma", "inferno", "coolwarm"]
out = pathlib.Path(__file__).resolve().parents[1] / "src/main/resources/org/lazuli/plot/colormaps.txt"
lines = [f"# matplotlib {matplotlib.__version__} colour maps, 256 entries each (plot/scripts/make_colormaps.py)"]
for name in NAMES:
    cmap = colormaps[name].resampled(256)
    rgb = ["%02x%02x%02x" % tuple(int(round(255 * c)) for c in cmap(i)[:3]) for i in range(256)]
    lines.append(name + " " + " ".join(rgb))
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text("\n".join(lines) + "\n")
print("wrote", out)
