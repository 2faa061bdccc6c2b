// Assembles the unpacked extension: this folder's files plus the browser files
// of the installed tidings package under vendor/tidings/ (an extension can only
// load files it contains). Run `npm install tidings` first.
//
//   node build.mjs [outDir=dist] [--csp "<extension_pages policy>"]
// Then chrome://extensions -> Developer mode -> Load unpacked -> outDir.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const cspAt = args.indexOf('--csp');
const csp = cspAt >= 0 ? args.splice(cspAt, 2)[1] : undefined;
const out = resolve(args[0] ?? join(here, 'dist'));

// browser.js imports tidings.js (which fetches tidings_bg.wasm next to itself),
// tidings-error.js, pages.js and watch.js.
const VENDORED = ['browser.js', 'tidings.js', 'tidings-error.js', 'pages.js', 'watch.js', 'tidings_bg.wasm', 'package.json'];
const installed = join(here, 'node_modules', 'tidings');
for (const file of VENDORED) {
  if (!existsSync(join(installed, file))) {
    console.error(`node_modules/tidings/${file} is missing: run \`npm install tidings\` in ${here} first.`);
    process.exit(1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor', 'tidings'), { recursive: true });
for (const file of ['background.js', 'result.html', 'result.js', 'style.css']) copyFileSync(join(here, file), join(out, file));
for (const file of VENDORED) copyFileSync(join(installed, file), join(out, 'vendor', 'tidings', file));

const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
if (csp !== undefined) manifest.content_security_policy = { extension_pages: csp };
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`unpacked extension in ${out}`);
