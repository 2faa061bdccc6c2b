// `npm test`: every check of the project, in order, with one summary line.
//
// Each step's own runner output is shown as it runs; its test counts are read
// from that output (cargo/wasm-bindgen-test "test result:" lines, node's test
// runner "# pass"/"# fail" lines, a plain "N passed, M failed" line). A step
// without counts (fmt, clippy, tsc, the build) counts as one test.
// The last line is the summary `N passed, N failed`; the exit code is 1 when
// anything failed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '../tests/mock/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };

function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Test counts a runner printed, or null when it printed none. */
export function countsIn(output) {
  let passed = 0;
  let failed = 0;
  let found = false;
  for (const m of output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
    found = true;
  }
  const pass = [...output.matchAll(/^# pass (\d+)$/gm)];
  const fail = [...output.matchAll(/^# fail (\d+)$/gm)];
  if (pass.length) {
    passed += pass.reduce((n, m) => n + Number(m[1]), 0);
    failed += fail.reduce((n, m) => n + Number(m[1]), 0);
    found = true;
  }
  const plain = [...output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].at(-1);
  if (!found && plain) {
    passed += Number(plain[1]);
    failed += Number(plain[2]);
    found = true;
  }
  return found ? { passed, failed } : null;
}

const results = [];

async function step(name, command, args, extraEnv) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { code, output } = await run(command, args, extraEnv);
  const counts = countsIn(output) ?? { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  // A runner that exits non-zero has failed even if its counts look clean.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts, seconds: (Date.now() - started) / 1000 });
  console.log(`=== ${name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return code === 0;
}

const listDir = (folder) => (existsSync(join(root, folder)) ? readdirSync(join(root, folder)) : []);
const jsTests = (folder) =>
  listDir(folder)
    .filter((f) => /\.test\.(mjs|cjs)$/.test(f))
    .map((f) => join(folder, f));

await step('rustfmt', 'cargo', ['fmt', '--all', '--check']);
await step('clippy (native)', 'cargo', ['clippy', '--workspace', '--all-targets', '--', '-D', 'warnings']);
await step('clippy (wasm32)', 'cargo', ['clippy', '--workspace', '--target', 'wasm32-unknown-unknown', '--all-targets', '--', '-D', 'warnings']);
await step('native tests', 'cargo', ['test', '--workspace', '--quiet']);
const built = await step('package build', 'node', ['scripts/build.mjs']);

const mock = await startMockServer();
const mockEnv = { TIDINGS_MOCK_URL: mock.url };
try {
  await step('wasm-bindgen-test (Node)', 'wasm-pack', ['test', '--node'], mockEnv);
  await step('wasm-bindgen-test (headless Chromium)', 'wasm-pack', ['test', '--headless', '--chrome'], { ...mockEnv, WASM_BINDGEN_USE_BROWSER: '1' });
  await step('wasm-bindgen-test (Chromium dedicated worker)', 'wasm-pack', ['test', '--headless', '--chrome'], { ...mockEnv, WASM_BINDGEN_USE_DEDICATED_WORKER: '1' });
} finally {
  await mock.close();
}

if (built) {
  await step('mock server self-test', 'node', ['--test', ...jsTests('tests/mock')]);
  await step(`package tests (Node ${process.versions.node})`, 'node', ['--test', '--test-concurrency=2', ...jsTests('tests/js')]);
  // The same suites on the oldest Node the package supports and the LTS lines
  // (tests/node-versions: npm's linux-x64 builds; elsewhere npm skips them),
  // but the one that just ran them.
  for (const version of ['18', '22', '24'].filter((major) => major !== process.versions.node.split('.')[0])) {
    const binary = join(root, 'tests', 'node-versions', 'node_modules', `node${version}`, 'bin', 'node');
    if (existsSync(binary)) {
      await step(`package tests (Node ${version})`, binary, ['--test', '--test-reporter=tap', ...(version === '18' ? [] : ['--test-concurrency=2']), ...jsTests('tests/js')]);
    } else if (process.platform === 'linux' && process.arch === 'x64') {
      results.push({ name: `package tests (Node ${version})`, passed: 0, failed: 1, seconds: 0 });
      console.log(`\n=== package tests (Node ${version}): ${binary} is missing; run scripts/setup.sh`);
    } else {
      console.log(`\n=== package tests (Node ${version}): skipped, npm has no Node build for ${process.platform}-${process.arch} in tests/node-versions`);
    }
  }
  await step('TypeScript consumers (tsc --strict)', 'tsc', ['-p', 'tests/types']);
  await step('browser: the fault and bad-input tables, CORS, README blocks (Chromium)', 'node', ['--test', ...jsTests('tests/browser')]);
  for (const file of listDir('tests/browser').filter((f) => /^run-.*\.mjs$/.test(f)).sort()) {
    await step(`browser: ${file}`, 'node', [join('tests', 'browser', file)]);
  }
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
