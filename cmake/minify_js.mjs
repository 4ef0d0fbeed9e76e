// Minifies a script the page ships (the engine's loader with its binding,
// and the shim) with terser, Debian's node-terser: local names shortened and
// dead code dropped. Property names and the script's global names stay, so
// Module["load"], the wasm's exports and createBuildlogEngine keep theirs.
//   NODE_PATH=/usr/share/nodejs node cmake/minify_js.mjs IN OUT   (IN may be OUT)
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [input, output] = process.argv.slice(2);
const { minify } = createRequire(import.meta.url)('terser');
const result = await minify(readFileSync(input, 'utf8'), { ecma: 2020, compress: { passes: 2 }, mangle: true });
writeFileSync(`${output}.tmp`, result.code);
renameSync(`${output}.tmp`, output);
