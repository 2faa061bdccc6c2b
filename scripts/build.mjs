// Builds the npm package into pkg/: one wasm-pack build (--target web), then
// the Node entry points and the package.json/README from pkg-template/.
//
// One .wasm serves every runtime:
//   tidings.js  ESM glue (browsers, bundlers, workers): call `init()` first.
//   node.mjs    Node ESM: initialises synchronously from the bundled .wasm.
//   node.cjs    Node CJS: the same, over tidings.cjs (the glue converted by esbuild).
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const profile = process.env.TIDINGS_PROFILE === 'dev' ? '--dev' : '--release';

execFileSync('wasm-pack', ['build', '--target', 'web', profile, '--out-dir', 'pkg', '--out-name', 'tidings', '--no-pack'], {
  cwd: root,
  stdio: 'inherit',
});
rmSync(join(pkg, '.gitignore'), { force: true });

// CommonJS copy of the glue for require(). `import.meta.url` only serves the
// browser's default init(), which the CJS entry never calls.
buildSync({
  entryPoints: [join(pkg, 'tidings.js')],
  outfile: join(pkg, 'tidings.cjs'),
  format: 'cjs',
  platform: 'neutral',
  logLevel: 'error',
  define: { 'import.meta.url': 'undefined' },
});

writeFileSync(
  join(pkg, 'node.mjs'),
  `// Node ESM entry: the wasm is read from disk and instantiated synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './tidings.js';

initSync({ module: readFileSync(new URL('./tidings_bg.wasm', import.meta.url)) });

export * from './tidings.js';
export { default } from './tidings.js';
`,
);
writeFileSync(
  join(pkg, 'node.cjs'),
  `'use strict';
// Node CommonJS entry: the wasm is read from disk and instantiated synchronously.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./tidings.cjs');

glue.initSync({ module: readFileSync(join(__dirname, 'tidings_bg.wasm')) });

module.exports = glue;
`,
);
copyFileSync(join(pkg, 'tidings.d.ts'), join(pkg, 'tidings.d.cts'));

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'pkg-template', 'README.md'), join(pkg, 'README.md'));
console.log(`built tidings ${version} into pkg/`);
