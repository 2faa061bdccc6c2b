// Builds a variant of the package outside pkg/ and target/, for profiling and
// for trying a build setting before changing Cargo.toml (not part of `npm run bench`):
//
//   node bench/variant-build.mjs --out /tmp/tidings-o3 --opt-level 3
//   node bench/variant-build.mjs --out /tmp/tidings-names --names     # `name` section kept, no wasm-opt
//   node bench/run.mjs --pkg /tmp/tidings-o3 --only decode,size        # measure it like pkg/
//   node bench/wasm-sizes.mjs /tmp/tidings-names/tidings_bg.wasm      # largest functions, bytes per crate
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-decode.mjs /tmp/tidings-names
//
// --opt-level  the release profile's opt-level for this build (default: Cargo.toml's, "z")
// --names      keep the `name` section (wasm-bindgen --keep-debug) and skip wasm-opt,
//              so profiles and bench/wasm-sizes.mjs show Rust function names
// --out        output folder (default /tmp/tidings-variant); the cargo target folder is
//              <out>-target, so pkg/ and target/ are never touched
//
// The variant is a copy of pkg/ (build it first: `node scripts/build.mjs`) with
// this build's .wasm in place of pkg/'s; every entry then loads it.
//
// Needs the toolchain that scripts/setup.sh installs (cargo, wasm-bindgen, binaryen's wasm-opt).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/tidings-variant' },
    'opt-level': { type: 'string' },
    names: { type: 'boolean', default: false },
  },
});
const out = resolve(values.out);
const targetDir = `${out}-target`;
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`,
  CARGO_TARGET_DIR: targetDir,
};
if (values['opt-level']) env.CARGO_PROFILE_RELEASE_OPT_LEVEL = values['opt-level'];
const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: 'inherit' });

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib']);
// wasm-bindgen's own output goes to a scratch folder; the variant is a copy of
// pkg/ (the package as scripts/build.mjs made it: entries, glue and helpers)
// with this build's .wasm in it. Both come from the same source, so the glue
// matches the wasm; this is checked by the imports the glue provides.
const scratch = `${out}-bindgen`;
rmSync(scratch, { recursive: true, force: true });
run('wasm-bindgen', [
  '--target', 'web',
  ...(values.names ? ['--keep-debug'] : []),
  '--out-dir', scratch,
  '--out-name', 'tidings',
  join(targetDir, 'wasm32-unknown-unknown', 'release', 'tidings.wasm'),
]);
const wasm = join(scratch, 'tidings_bg.wasm');
if (!values.names) {
  // The same passes and features as Cargo.toml's wasm-pack wasm-opt line; -Oz
  // (twice, as there) or -O<level>.
  const levels = values['opt-level'] && values['opt-level'] !== 'z' ? [`-O${values['opt-level']}`] : ['-Oz', '-Oz'];
  run('wasm-opt', [...levels, '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', wasm, '-o', wasm]);
}
const pkg = join(root, 'pkg');
if (!existsSync(join(pkg, 'node.mjs'))) throw new Error('pkg/ is not built: run `node scripts/build.mjs` first (the variant reuses its JavaScript)');
const shipped = readFileSync(join(pkg, 'tidings.js'), 'utf8');
const imports = [...readFileSync(join(scratch, 'tidings.js'), 'utf8').matchAll(/\b(__wbg_\w+)\s*:/g)].map((m) => m[1]);
const missing = imports.filter((name) => !shipped.includes(name));
if (missing.length > 0) throw new Error(`pkg/ was built from other sources (its glue lacks ${missing.slice(0, 3).join(', ')}): rebuild it with node scripts/build.mjs`);
rmSync(out, { recursive: true, force: true });
cpSync(pkg, out, { recursive: true });
copyFileSync(wasm, join(out, 'tidings_bg.wasm'));
rmSync(scratch, { recursive: true, force: true });
const manifest = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
manifest.version = `${manifest.version}-variant.${values.names ? 'names' : `o${values['opt-level'] ?? 'z'}`}`;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`variant built into ${out} (pkg/'s JavaScript, this build's .wasm)`);
