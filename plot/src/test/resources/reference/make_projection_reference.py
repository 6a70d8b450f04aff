"""Reference map coordinates from PROJ itself (cs2cs, PROJ 9.1, Debian's proj-bin): each projection Plot offers,
on PROJ's sphere of radius 6370997 m, at a spread of points; and rotated-pole grid coordinates (EURO-CORDEX's
pole, -162 / 39.25) turned to geographic ones through PROJ's ob_tran.
/usr/bin/python3 make_projection_reference.py > projections.json"""
import json
import subprocess

SPHERE = "+R=6370997 +units=m +no_defs"
PROJECTIONS = {
    "Robinson": "+proj=robin +lon_0=0 " + SPHERE,
    "Robinson(central longitude 150.0)": "+proj=robin +lon_0=150 " + SPHERE,
    "Mollweide": "+proj=moll +lon_0=0 " + SPHERE,
    "NorthPolarStereo": "+proj=stere +lat_0=90 +lon_0=0 +k=1 " + SPHERE,
    "SouthPolarStereo": "+proj=stere +lat_0=-90 +lon_0=0 +k=1 " + SPHERE,
    "LambertConformal": "+proj=lcc +lat_1=33 +lat_2=45 +lat_0=39 +lon_0=-96 " + SPHERE,
}
POINTS = [(0, 0), (-5, 10), (120, 45), (-170, -60), (179.5, 30), (-45, 80), (30, -85), (-100, 40), (10, 50), (-120, 25)]


def cs2cs(source, target, points):
    text = "\n".join("%r %r" % p for p in points) + "\n"
    out = subprocess.run(["cs2cs", "-f", "%.9f"] + source.split() + ["+to"] + target.split(), input=text,
                         capture_output=True, text=True, check=True).stdout
    return [[float(v) for v in line.split()[:2]] for line in out.strip().splitlines()]


reference = {"projections": {}, "rotatedPole": {}}
geographic = "+proj=longlat " + SPHERE
for name, proj in PROJECTIONS.items():
    visible = [p for p in POINTS if not (name == "NorthPolarStereo" and p[1] < 20)
               and not (name == "SouthPolarStereo" and p[1] > -20)]
    reference["projections"][name] = {"points": visible, "xy": cs2cs(geographic, proj, visible)}
rotated = [(-28.375, -23.375), (0, 0), (18.155, 21.835), (5, -10), (-10, 15), (12.5, -3.25)]
pole = "+proj=ob_tran +o_proj=longlat +o_lon_p=0 +o_lat_p=39.25 +lon_0=18 " + SPHERE.replace("+units=m ", "") \
       + " +to_meter=0.0174532925199433"
reference["rotatedPole"] = {"poleLongitude": -162, "poleLatitude": 39.25, "points": rotated,
                            "lonlat": cs2cs(pole, geographic, rotated)}
print(json.dumps(reference, indent=1))
