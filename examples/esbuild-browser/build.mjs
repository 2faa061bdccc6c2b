// Bundles main.js with esbuild into dist/ (or the folder given), with
// index.html. esbuild copies no assets, so the wasm takes one line of the
// build: the copy below. `--without-wasm` leaves it out, to show what the page
// says then (a TidingsError of kind `config` naming that line).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const [outdir = 'dist', flag] = process.argv.slice(2);
mkdirSync(outdir, { recursive: true });
await build({ entryPoints: ['main.js'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(outdir, 'main.js'), logLevel: 'error' });
copyFileSync('index.html', join(outdir, 'index.html'));
if (flag !== '--without-wasm') copyFileSync('node_modules/tidings/tidings_bg.wasm', join(outdir, 'tidings_bg.wasm'));
console.log(`built ${outdir}/`);
