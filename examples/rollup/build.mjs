// Bundles, with Rollup and @rollup/plugin-node-resolve, tidings included:
//   <out>/web/    main.js for browsers, with index.html and the wasm
//   <out>/list.mjs, <out>/list.cjs   list.mjs for Node, as an ES module and as CommonJS
// Rollup copies no assets, so the page's wasm takes one line of the build:
// the copy below. `--without-wasm` leaves it out, to show what the page says
// then (a TidingsError of kind `config` naming that line). The Node bundles
// need nothing: tidings' Node entry finds tidings_bg.wasm in node_modules.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const [out = 'dist', flag] = process.argv.slice(2);
const web = join(out, 'web');
mkdirSync(web, { recursive: true });

const page = await rollup({ input: 'main.js', plugins: [nodeResolve({ browser: true })] });
await page.write({ dir: web, format: 'es' });
copyFileSync('index.html', join(web, 'index.html'));
if (flag !== '--without-wasm') copyFileSync('node_modules/tidings/tidings_bg.wasm', join(web, 'tidings_bg.wasm'));

const script = await rollup({
  input: 'list.mjs',
  plugins: [nodeResolve({ exportConditions: ['node'], preferBuiltins: true })],
  external: (id) => id.startsWith('node:'),
});
await script.write({ file: join(out, 'list.mjs'), format: 'es' });
await script.write({ file: join(out, 'list.cjs'), format: 'cjs' });
console.log(`built ${web}/, ${out}/list.mjs and ${out}/list.cjs`);
