// Bundles list.mjs, tidings included, for Node: dist/list.mjs (ES module)
// and dist/list.cjs (CommonJS). No plugin and no option for tidings: its Node
// entry finds tidings_bg.wasm in the installed package from the bundle.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';
const common = { entryPoints: ['list.mjs'], bundle: true, platform: 'node', target: 'node18', logLevel: 'error' };
await build({ ...common, format: 'esm', outfile: `${outdir}/list.mjs` });
await build({ ...common, format: 'cjs', outfile: `${outdir}/list.cjs` });
console.log(`built ${outdir}/list.mjs and ${outdir}/list.cjs`);
