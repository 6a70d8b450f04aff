// Writes the Zarr v3 stores the io-zarr tests read, with an independent implementation (npm zarrita), and
// for each array the values given to zarrita ("written") and what zarrita reads back ("values") as
// zarr_v3_reference.json. zarrita 0.7.5 reads its own transposed chunks with the axes swapped (its encoder
// follows the specification, its decoder does not), so the tests compare with what was written.
//
// From the repository root:
//   npm install --prefix /tmp/zarrita zarrita@0.7.5 @zarrita/storage@0.2.0
//   NODE_PATH=/tmp/zarrita/node_modules node io-zarr/src/test/resources/reference/make_zarr_v3_reference.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const modules = process.env.NODE_PATH;   // zarrita is ESM-only: imported by file
const zarr = await import(pathToFileURL(path.join(modules, "zarrita/dist/src/index.js")));
const FileSystemStore = (await import(pathToFileURL(path.join(modules, "@zarrita/storage/dist/src/fs.js")))).default;

// zarrita decodes gzip but does not encode it: the same codec with fflate's gzip (zarrita's own dependency)
const fflate = await import(pathToFileURL(path.join(modules, "fflate/esm/index.mjs")));
class GzipWithEncode {
  kind = "bytes_to_bytes";
  constructor(level) { this.level = level; }
  static fromConfig(config) { return new GzipWithEncode(config.level ?? 5); }
  encode(bytes) { return fflate.gzipSync(bytes, { level: this.level }); }
  decode(bytes) { return fflate.gunzipSync(bytes); }
}
zarr.registry.set("gzip", () => GzipWithEncode);

const here = path.dirname(fileURLToPath(import.meta.url));
const stores = path.join(path.dirname(here), "zarr3");
fs.rmSync(stores, { recursive: true, force: true });
fs.mkdirSync(stores, { recursive: true });

const pipelines = {
  "v3_gzip.zarr": (size) => [{ name: "bytes", configuration: { endian: "little" } },
                             { name: "gzip", configuration: { level: 5 } }],
  "v3_blosc.zarr": (size) => [{ name: "bytes", configuration: { endian: "little" } },
                              { name: "blosc", configuration: { cname: "lz4", clevel: 5, shuffle: "shuffle",
                                                                 typesize: size, blocksize: 0 } }],
  "v3_transpose_zstd.zarr": (size) => [{ name: "transpose", configuration: { order: [2, 1, 0] } },
                                              { name: "bytes", configuration: { endian: "big" } },
                                              { name: "zstd", configuration: { level: 3, checksum: false } }],
  "v3_raw_dot_keys.zarr": (size) => [{ name: "bytes", configuration: { endian: "little" } }],
};

function field(n) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 250 + ((i * 37) % 101) / 4;
  return out;
}

const reference = {};
for (const [name, codecs] of Object.entries(pipelines)) {
  const store = new FileSystemStore(path.join(stores, name));
  const root = await zarr.create(zarr.root(store), { attributes: { title: name, version: 3 } });
  const separator = name.includes("dot") ? "." : "/";
  const tas = await zarr.create(root.resolve("tas"), {
    shape: [6, 4, 5], chunkShape: [4, 3, 2], dtype: "float32", fillValue: "NaN", chunkSeparator: separator,
    codecs: codecs(4), dimensionNames: ["time", "lat", "lon"], attributes: { units: "K" } });
  const values = field(6 * 4 * 5);
  values[7] = NaN;
  await zarr.set(tas, null, { data: values, shape: [6, 4, 5], stride: [20, 5, 1] });
  const lat = await zarr.create(root.resolve("lat"), {
    shape: [4], chunkShape: [4], dtype: "float64", fillValue: "NaN", chunkSeparator: separator,
    codecs: codecs(8).filter((c) => c.name !== "transpose"), dimensionNames: ["lat"],
    attributes: { units: "degrees_north" } });
  await zarr.set(lat, null, { data: new Float64Array([-45, -15, 15, 45]), shape: [4], stride: [1] });
  const time = await zarr.create(root.resolve("time"), {
    shape: [6], chunkShape: [4], dtype: "int64", fillValue: 0, chunkSeparator: separator,
    codecs: codecs(8).filter((c) => c.name !== "transpose"), dimensionNames: ["time"],
    attributes: { units: "days since 2000-01-01", calendar: "noleap" } });
  await zarr.set(time, null, { data: new BigInt64Array([0n, 31n, 59n, 90n, 120n, 151n]), shape: [6], stride: [1] });
  // an int16 array with a fill value whose second row of chunks is never written
  const count = await zarr.create(root.resolve("count"), {
    shape: [4, 5], chunkShape: [2, 3], dtype: "int16", fillValue: -9, chunkSeparator: separator,
    codecs: codecs(2).filter((c) => c.name !== "transpose"), dimensionNames: ["lat", "lon"] });
  await zarr.set(count, [zarr.slice(0, 2), null], { data: new Int16Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), shape: [2, 5], stride: [5, 1] });
  const written = {
    tas: Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
    lat: [-45, -15, 15, 45],
    time: [0, 31, 59, 90, 120, 151],
    count: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -9, -9, -9, -9, -9, -9, -9, -9, -9, -9],
  };
  const arrays = {};
  for (const array of ["tas", "lat", "time", "count"]) {
    const opened = await zarr.open(root.resolve(array), { kind: "array" });
    const got = await zarr.get(opened);
    arrays[array] = { shape: got.shape, dtype: opened.dtype, written: written[array],
                      values: Array.from(got.data, (v) => (typeof v === "bigint" ? Number(v) : Number.isNaN(v) ? null : v)) };
  }
  reference[name] = arrays;
}
fs.writeFileSync(path.join(here, "zarr_v3_reference.json"), JSON.stringify({ zarrita: "0.7.5", stores: reference }, null, 1));
