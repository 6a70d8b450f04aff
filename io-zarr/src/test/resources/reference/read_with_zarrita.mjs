// Prints what npm zarrita reads from the arrays of a Zarr v3 store (a check that Lazuli's v3 stores are
// readable by an independent implementation):
//   (the build installs the pinned packages: npm ci in io-zarr/target/zarrita)
//   NODE_PATH=io-zarr/target/zarrita/node_modules node read_with_zarrita.mjs STORE ARRAY...
import path from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.NODE_PATH;
const zarr = await import(pathToFileURL(path.join(modules, "zarrita/dist/src/index.js")));
const FileSystemStore = (await import(pathToFileURL(path.join(modules, "@zarrita/storage/dist/src/fs.js")))).default;
const root = zarr.root(new FileSystemStore(process.argv[2]));
const out = {};
for (const name of process.argv.slice(3)) {
  const array = await zarr.open(root.resolve(name), { kind: "array" });
  const got = await zarr.get(array);
  out[name] = { dtype: array.dtype, shape: got.shape,
                values: Array.from(got.data, (v) => (typeof v === "bigint" ? Number(v) : Number.isNaN(v) ? null : v)) };
}
console.log(JSON.stringify(out));
