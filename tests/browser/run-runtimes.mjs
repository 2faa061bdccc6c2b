// Runs the examples of the other JavaScript runtimes against the mock server,
// each from the packed tarball installed the way a user installs it:
//
//   cloudflare-worker  tsc over `wrangler types`; `wrangler dev --local` (workerd
//                      from npm) on a loopback port: the Worker lists, sends, fails
//   deno               `npm:tidings` from node_modules; `deno check`; the read
//                      fallback of Deno before 2.6 (simulated); `npm:tidings` from
//                      a registry (a loopback one serving the tarball) into Deno's cache
//   bun                ES module and CommonJS
//
//   node tests/browser/run-runtimes.mjs [name-prefix ...]   # e.g. `deno bun`
//   TIDINGS_PKG_DIR=/path/to/built/pkg node tests/browser/run-runtimes.mjs
//
// The runtimes are the root's dev dependencies (wrangler, deno, bun: their
// binaries come in npm packages). Nothing here needs a network beyond 127.0.0.1
// (wrangler dev's look-up of workers.cloudflare.com for `Request.cf` fails
// offline with a warning, and it falls back to a placeholder).
// Prints `ok <name>` / `FAIL <name>: reason` per check, then `N passed, M failed`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fixtures from '../mock/server.mjs';
import { installExample, packPackage, run, runOk } from './lib/install.mjs';
import { createReport, expect } from './lib/report.mjs';
import { examples, pkgDir, root, toolEnv, wanted } from './lib/runner.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = join(root, 'tmp', 'run-runtimes');
// No telemetry, no update checks, no prompts: nothing leaves 127.0.0.1.
const env = toolEnv({ WRANGLER_SEND_METRICS: 'false', CI: '1', DO_NOT_TRACK: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' });

/** What every entry exports (as tests/js/entries.test.mjs lists it). */
const EXPORTS = ['FlatchrClient', 'TidingsError', 'TiledeskClient', 'init', 'initSync', 'isTidingsError'];
const SEED = fixtures.TILEDESK_SEED_MESSAGES;

const report = createReport();
mkdirSync(scratch, { recursive: true });

let pack;
const packed = await report.check(
  'package',
  async () => {
    const built = ['package.json', 'workerd.js', 'edge.js', 'deno.js', 'tidings_bg.wasm'].every((f) => existsSync(join(pkgDir, f)));
    if (!built && !process.env.TIDINGS_PKG_DIR) await runOk('node', ['scripts/build.mjs'], { cwd: root, env, timeoutMs: 900_000 });
    pack = await packPackage(pkgDir, scratch);
    const manifest = JSON.parse(pack.files.get('package.json').toString('utf8'));
    const conditions = Object.keys(manifest.exports['.']);
    // A runtime takes the first condition it knows: workerd, deno and edge-light must come before node.
    // workerd: `import` and `require` (wrangler bundles both) to workerd.js; Deno: `import` to deno.js
    // (it uses top-level await), `require` on to the Node entry; edge-light (Next.js's edge
    // runtime, whose bundlers also match `node` for its Node runtime): both to edge.js.
    for (const [condition, key, file] of [['workerd', 'default', 'workerd.js'], ['deno', 'import', 'deno.js'], ['edge-light', 'default', 'edge.js']]) {
      const at = conditions.indexOf(condition);
      expect(at >= 0 && at < conditions.indexOf('node'), `exports["."] has no "${condition}" condition before "node": ${conditions.join(', ')}`);
      expect(JSON.stringify(manifest.exports['.'][condition]) === JSON.stringify({ types: './index.d.ts', [key]: `./${file}` }), `"${condition}" does not lead to ./${file}`);
      expect(manifest.sideEffects.includes(`./${file}`), `${file} instantiates the wasm on import but is not in sideEffects`);
      const source = pack.files.get(file)?.toString('utf8') ?? '';
      const code = source.replace(/^\s*(\/\/|\/\*\*|\*).*$/gm, '');
      if (condition === 'workerd' || condition === 'edge-light') {
        const specifier = condition === 'workerd' ? './tidings_bg.wasm' : './tidings_bg.wasm?module';
        expect(code.includes(`import wasm from '${specifier}';`) && code.includes('start(wasm);'), `${file} does not import the .wasm statically (${specifier}) and instantiate it`);
        expect(!/import\.meta|node:|fetch\(/.test(code), `${file} reaches for the file system, import.meta or fetch`);
      } else {
        expect(code.includes("import('./deno-wasm.js')") && code.includes('start(await wasmModule());'), `${file} does not instantiate the module of deno-wasm.js`);
        expect(pack.files.get('deno-wasm.js')?.toString('utf8').includes("import source wasm from './tidings_bg.wasm';"), 'deno-wasm.js does not import the .wasm as a source');
      }
      const exported = [
        ...[...source.matchAll(/^export \{([^}]+)\}/gm)].flatMap((m) => m[1].split(',').map((name) => name.trim())),
        ...[...source.matchAll(/^export function (\w+)/gm)].map((m) => m[1]),
      ].sort();
      expect(JSON.stringify(exported) === JSON.stringify(EXPORTS), `${file} exports ${exported.join(', ')}, not ${EXPORTS.join(', ')}`);
    }
    const shared = pack.files.get('from-module.js')?.toString('utf8') ?? '';
    expect(shared.includes('initSync({ module });'), 'from-module.js does not instantiate the module it is given');
    return `${pack.info.filename}: "workerd" → workerd.js, "deno" → deno.js, "edge-light" → edge.js, before "node"`;
  },
  { timeoutMs: 960_000 },
);
if (!packed) {
  report.summary();
  process.exit(1);
}

const mock = await fixtures.startMockServer();
const settings = {
  TILEDESK_BASE_URL: `${mock.url}/v3`,
  TILEDESK_TOKEN: fixtures.TILEDESK_JWT,
  TILEDESK_PROJECT_ID: fixtures.TILEDESK_PROJECT_ID,
  TILEDESK_REQUEST_ID: fixtures.TILEDESK_REQUEST_ID,
  FLATCHR_BASE_URL: mock.url,
  FLATCHR_TOKEN: fixtures.FLATCHR_API_KEY,
  FLATCHR_COMPANY_ID: fixtures.FLATCHR_COMPANY_ID,
  FLATCHR_APPLICANT_ID: fixtures.FLATCHR_APPLICANT_ID,
};
const runtimeEnv = { ...env, ...settings };

/** The listings and sends the mock received for the seed request. */
const seedCalls = (method) =>
  mock.requests({ pathIncludes: `/requests/${fixtures.TILEDESK_REQUEST_ID}/messages` }).filter((r) => r.method === method);

/** Asserts a demo's output (deno, bun): the seed listing, a send fetched back, the Flatchr listing; and what the mock saw. */
function expectDemo(stdout, sentText) {
  const lines = [
    `Tiledesk request ${fixtures.TILEDESK_REQUEST_ID}: 2 message(s)`,
    ...SEED.map((m) => `${m.senderFullname}: ${m.text}`),
    'Fetched it back by id:',
    `: ${sentText}  — status 0 (sending)`,
    'Watched 3 message(s) live, up to the one sent',
    `Flatchr applicant ${fixtures.FLATCHR_APPLICANT_ID}: 1 message(s)`,
  ];
  const absent = lines.filter((line) => !stdout.includes(line));
  expect(absent.length === 0, `the output lacks: ${absent.join(' | ')}`, stdout.trim().split('\n'));
  expect(/Sent message [0-9a-f]{24} \(status 0, sending\)/.test(stdout), 'the output does not show the sent message', stdout.trim().split('\n'));
  const listed = seedCalls('GET');
  const posted = seedCalls('POST');
  expect(listed.length >= 2 && listed.every((r) => r.headers.authorization === `JWT ${fixtures.TILEDESK_JWT}`), 'the mock did not receive the listings with `Authorization: JWT <token>`', listed.map((r) => JSON.stringify(r.headers)));
  expect(posted.length === 1, `the mock received ${posted.length} sends, not 1`);
  expect(mock.realtime.upgrades() >= 1, 'the watch opened no realtime socket (it polled)');
  expect(mock.requests({ pathIncludes: `/applicant/${fixtures.FLATCHR_APPLICANT_ID}` }).length === 1, 'the mock did not receive the Flatchr listing');
}

/** Runs a demo with a token the mock refuses: a TidingsError of kind http 401, without the token. */
async function expectRefusedToken(command, args, cwd) {
  const token = 'eyJhbGciOiJIUzI1NiJ9.cmVmdXNlZA.bm90LWEtc2lnbmF0dXJl';
  const result = await run(command, args, { cwd, env: { ...runtimeEnv, TILEDESK_TOKEN: token }, timeoutMs: 60_000 });
  expect(result.code === 1 && /^tidings error \(http 401\): /m.test(result.stderr), `with a refused token: exit ${result.code}`, `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 8));
  expect(!`${result.stdout}${result.stderr}`.includes(token), 'the refused token appears in the output');
}

/** A free loopback port. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

// --- Cloudflare Workers -----------------------------------------------------------------

/**
 * Starts `wrangler dev` in `dir` on a loopback port and resolves once it is
 * ready: { url, output(), stop() }. `stop` ends wrangler and its workerd.
 */
async function startWranglerDev(dir, vars) {
  const port = await freePort();
  const inspector = await freePort();
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--show-interactive-dev-session=false', '--persist-to', join(scratch, 'wrangler-state')];
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const child = spawn(bin('wrangler'), args, { cwd: dir, env: { ...env, WRANGLER_LOG_PATH: join(scratch, 'wrangler-logs') }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (!output.includes(`Ready on ${url}`)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start (exit ${child.exitCode}):\n${output.trim().split('\n').slice(-20).join('\n')}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { url, output: () => output, stop };
}

async function fetchJson(url, init) {
  const response = await fetch(url, init);
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, text };
}

if (wanted('cloudflare-worker')) {
  await report.check(
    'cloudflare-worker',
    async () => {
      const dir = join(examples, 'cloudflare-worker');
      await installExample(dir, pack);
      // The default wrangler set-up bundles tidings' Worker entry and hands it the .wasm as a module.
      const out = mkdtempSync(join(tmpdir(), 'tidings-worker-'));
      try {
        await runOk(bin('wrangler'), ['deploy', '--dry-run', '--outdir', out], { cwd: dir, env, timeoutMs: 120_000 });
        const bundle = readFileSync(join(out, 'index.js'), 'utf8');
        const wasmFile = readdirSync(out).find((f) => f.endsWith('-tidings_bg.wasm'));
        expect(wasmFile && readFileSync(join(out, wasmFile)).equals(pack.files.get('tidings_bg.wasm')), 'the dry-run output holds no copy of tidings_bg.wasm', readdirSync(out));
        expect(new RegExp(`^import \\w+ from "\\./${wasmFile}";$`, 'm').test(bundle), 'the bundle does not import the .wasm as a module');
        expect(!bundle.includes('new URL("tidings_bg.wasm"'), 'the bundle holds the browser entry, which fetches the .wasm from a URL');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }

      // The TypeScript of the default set-up: the runtime's types from `wrangler types`, then tsc reads
      // tidings' types (a number as baseUrl, at line 2 column 22, is refused).
      await runOk(bin('wrangler'), ['types'], { cwd: dir, env, timeoutMs: 120_000 });
      await runOk(bin('tsc'), ['-p', '.'], { cwd: dir, env, timeoutMs: 120_000 });
      const wrong = join(dir, 'src', 'wrong-types.ts');
      writeFileSync(wrong, "import { TiledeskClient } from 'tidings';\nnew TiledeskClient({ baseUrl: 3, auth: { kind: 'jwt', token: '' } });\n");
      try {
        const result = await run(bin('tsc'), ['-p', '.'], { cwd: dir, env, timeoutMs: 120_000 });
        expect(result.code !== 0 && /wrong-types\.ts\(2,22\): error TS2322/.test(result.stdout), 'tsc accepted a number as baseUrl', result.stdout.split('\n').slice(0, 10));
      } finally {
        rmSync(wrong, { force: true });
      }

      const worker = await startWranglerDev(dir, {
        TILEDESK_BASE_URL: settings.TILEDESK_BASE_URL,
        TILEDESK_PROJECT_ID: settings.TILEDESK_PROJECT_ID,
        TILEDESK_TOKEN: settings.TILEDESK_TOKEN,
        FLATCHR_BASE_URL: settings.FLATCHR_BASE_URL,
        FLATCHR_COMPANY_ID: settings.FLATCHR_COMPANY_ID,
        FLATCHR_TOKEN: settings.FLATCHR_TOKEN,
      });
      try {
        const messages = `${worker.url}/tiledesk/requests/${fixtures.TILEDESK_REQUEST_ID}/messages`;
        mock.reset();
        const listed = await fetchJson(messages);
        expect(listed.status === 200, `GET ${messages}: ${listed.status}`, [listed.text.slice(0, 400), ...worker.output().trim().split('\n').slice(-10)]);
        expect(
          listed.body.count === 2 && listed.body.messages.every((m, i) => m.id === SEED[i]._id && m.text === SEED[i].text && m.senderFullname === SEED[i].senderFullname),
          'the Worker did not list the two seed messages',
          [listed.text.slice(0, 400)],
        );
        expect(seedCalls('GET').every((r) => r.headers.authorization === `JWT ${fixtures.TILEDESK_JWT}`) && seedCalls('GET').length === 1, 'the mock did not receive one listing with the JWT');

        const text = 'Hello from a Cloudflare Worker';
        const sent = await fetchJson(messages, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
        expect(sent.status === 201 && /^[0-9a-f]{24}$/.test(sent.body.id) && sent.body.text === text && sent.body.attributes?.source === 'cloudflare-worker', `POST: ${sent.status}`, [sent.text.slice(0, 400)]);
        const posted = seedCalls('POST');
        expect(posted.length === 1 && JSON.parse(posted[0].body).text === text, 'the mock did not receive the one send', posted.map((r) => r.body));
        const again = await fetchJson(messages);
        expect(again.body.count === 3 && again.body.messages[2].id === sent.body.id, 'the sent message is not listed back');

        const flatchr = await fetchJson(`${worker.url}/flatchr/applicants/${fixtures.FLATCHR_APPLICANT_ID}/messages`);
        expect(flatchr.status === 200 && flatchr.body.count === 1, `Flatchr listing: ${flatchr.status}`, [flatchr.text.slice(0, 400)]);

        // Bad input: a TidingsError answered as JSON, and nothing sent.
        const empty = await fetchJson(messages, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '' }) });
        expect(empty.status === 400 && empty.body.error?.kind === 'invalidInput' && empty.body.error.field === 'message.text', `an empty text: ${empty.status}`, [empty.text]);
        expect(seedCalls('POST').length === 1, 'an invalid send reached the mock');
        return `wrangler ${(await run(bin('wrangler'), ['--version'], { cwd: dir, env })).stdout.trim()}, workerd from @cloudflare/workerd-linux-64: tsc over \`wrangler types\`; the dry-run bundle imports the .wasm as a module; list, send, list back, Flatchr list, a 400 invalidInput`;
      } finally {
        await worker.stop();
      }
    },
    { timeoutMs: 240_000 },
  );
}

// --- Deno -------------------------------------------------------------------------------------

const denoVersion = async () => (await run(bin('deno'), ['--version'], { env })).stdout.split('\n')[0];
/** Deno without read permission: the Deno entry needs none. */
const denoRun = (extra = []) => ['run', `--allow-net=127.0.0.1:${mock.port}`, '--allow-env', ...extra, 'demo.ts'];

if (wanted('deno')) {
  const dir = join(examples, 'deno');
  const denoDir = join(scratch, 'deno-dir');
  const denoEnv = { ...runtimeEnv, DENO_DIR: denoDir };
  await report.check('deno (npm:tidings from node_modules)', async () => {
    await installExample(dir, pack);
    const resolved = await runOk(bin('deno'), ['eval', "console.log(import.meta.resolve('npm:tidings'), Object.keys(await import('npm:tidings')).sort().join())"], { cwd: dir, env: denoEnv });
    expect(resolved.stdout.trim() === `file://${dir}/node_modules/tidings/deno.js ${EXPORTS.join()}`, `npm:tidings resolves to, and exports: ${resolved.stdout.trim()}`);
    // `require` in Deno goes on to the Node entry, which reads the file (so it needs --allow-read).
    const probe = join(dir, 'require-probe.cjs');
    writeFileSync(probe, "const t = require('tidings');\nconsole.log(require.resolve('tidings'), Object.keys(t).sort().join());\n");
    try {
      const required = await runOk(bin('deno'), ['run', '--allow-read', '--allow-env', 'require-probe.cjs'], { cwd: dir, env: denoEnv });
      expect(required.stdout.trim() === `${dir}/node_modules/tidings/node.cjs ${EXPORTS.join()}`, `require('tidings') in Deno resolves to, and exports: ${required.stdout.trim()}`);
    } finally {
      rmSync(probe, { force: true });
    }
    mock.reset();
    const { stdout } = await runOk(bin('deno'), denoRun(), { cwd: dir, env: denoEnv, timeoutMs: 60_000 });
    expectDemo(stdout, 'Hello from Deno');
    await expectRefusedToken(bin('deno'), denoRun(), dir);
    return `${await denoVersion()}: import → deno.js, --allow-net --allow-env only; list, send, get, Flatchr list; a refused token; require → node.cjs`;
  });

  await report.check('deno check', async () => {
    await runOk(bin('deno'), ['check', 'demo.ts'], { cwd: dir, env: denoEnv, timeoutMs: 120_000 });
    // The check reads tidings' declarations: a wrong option type fails it.
    const wrong = join(dir, 'wrong-types.ts');
    writeFileSync(wrong, "import { TiledeskClient } from 'npm:tidings';\nnew TiledeskClient({ baseUrl: 3, auth: { kind: 'jwt', token: '' } });\n");
    try {
      const result = await run(bin('deno'), ['check', 'wrong-types.ts'], { cwd: dir, env: denoEnv, timeoutMs: 120_000 });
      expect(result.code !== 0 && /TS2322/.test(result.stderr + result.stdout) && /baseUrl/.test(result.stderr + result.stdout), 'deno check accepted a number as baseUrl', result.stderr.split('\n').slice(0, 10));
    } finally {
      rmSync(wrong, { force: true });
    }
    return 'demo.ts type-checks against index.d.ts; a number as baseUrl is refused (TS2322)';
  });

  // Deno before 2.6 cannot parse the source phase import of deno-wasm.js: the Deno entry then reads
  // the file. Simulated here by a deno-wasm.js that no Deno can parse.
  await report.check('deno (the fallback of Deno before 2.6, simulated)', async () => {
    const away = mkdtempSync(join(tmpdir(), 'tidings-deno-old-'));
    try {
      for (const file of ['demo.ts', 'deno.json', 'package.json']) copyFileSync(join(dir, file), join(away, file));
      const installed = join(away, 'node_modules', 'tidings');
      mkdirSync(installed, { recursive: true });
      for (const [name, bytes] of pack.files) writeFileSync(join(installed, name), bytes);
      writeFileSync(join(installed, 'deno-wasm.js'), "import unsupported-phase wasm from './tidings_bg.wasm';\nexport default wasm;\n");
      const denied = await run(bin('deno'), denoRun(), { cwd: away, env: denoEnv, timeoutMs: 60_000 });
      expect(
        denied.code !== 0 && /TidingsError: invalid runtime: this Deno \([\d.]+\) cannot import tidings_bg\.wasm as a module and may not read it: run with --allow-read/.test(denied.stderr),
        `without --allow-read: exit ${denied.code}`,
        denied.stderr.trim().split('\n').slice(0, 6),
      );
      mock.reset();
      const { stdout } = await runOk(bin('deno'), denoRun([`--allow-read=${installed}`]), { cwd: away, env: denoEnv, timeoutMs: 60_000 });
      expectDemo(stdout, 'Hello from Deno');
      return 'without --allow-read, a config TidingsError naming it; with it, the demo runs';
    } finally {
      rmSync(away, { recursive: true, force: true });
    }
  });

  await report.check('deno (npm:tidings from a registry, no node_modules)', async () => {
    const registry = await startRegistry(pack);
    const away = mkdtempSync(join(tmpdir(), 'tidings-deno-'));
    const cache = mkdtempSync(join(tmpdir(), 'tidings-deno-dir-'));
    try {
      copyFileSync(join(dir, 'demo.ts'), join(away, 'demo.ts'));
      const registryEnv = { ...denoEnv, DENO_DIR: cache, NPM_CONFIG_REGISTRY: `${registry.url}/` };
      mock.reset();
      const { stdout } = await runOk(bin('deno'), denoRun(), { cwd: away, env: registryEnv, timeoutMs: 60_000 });
      expectDemo(stdout, 'Hello from Deno');
      expect(registry.served.includes('/tidings') && registry.served.some((p) => p.endsWith('.tgz')), `the registry served ${registry.served.join(', ')}`);
      expect(!existsSync(join(away, 'node_modules')), 'deno made a node_modules folder');
      await runOk(bin('deno'), ['check', 'demo.ts'], { cwd: away, env: registryEnv, timeoutMs: 120_000 });
      return 'Deno fetched the tarball into its own cache; the demo runs and type-checks';
    } finally {
      await registry.close();
      rmSync(away, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
}

/** A registry on 127.0.0.1 that serves the packed tarball as `tidings`, as npm's registry would. */
async function startRegistry({ tarball }) {
  const bytes = readFileSync(tarball);
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const served = [];
  const server = createServer((req, res) => {
    served.push(req.url);
    const base = `http://127.0.0.1:${server.address().port}`;
    if (req.url === '/tidings') {
      const dist = {
        tarball: `${base}/tidings/-/tidings-${manifest.version}.tgz`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ name: 'tidings', 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: { ...manifest, dist } } }));
    } else if (req.url === `/tidings/-/tidings-${manifest.version}.tgz`) {
      res.end(bytes);
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}`, served, close: () => new Promise((done) => server.close(done)) };
}

// --- Bun -------------------------------------------------------------------------------------

if (wanted('bun')) {
  const dir = join(examples, 'bun');
  const version = async () => `Bun ${(await run(bin('bun'), ['--version'], { env })).stdout.trim()}`;
  for (const [format, file, entry] of [
    ['esm', 'demo.mjs', 'node.mjs'],
    ['cjs', 'demo.cjs', 'node.cjs'],
  ]) {
    await report.check(`bun ${format}`, async () => {
      await installExample(dir, pack);
      const probe = join(dir, `resolve-probe.${format === 'esm' ? 'mjs' : 'cjs'}`);
      writeFileSync(probe, format === 'esm' ? "console.log(import.meta.resolve('tidings'));\n" : "console.log(require.resolve('tidings'));\n");
      try {
        const { stdout } = await runOk(bin('bun'), [probe], { cwd: dir, env });
        expect(stdout.trim().endsWith(`/node_modules/tidings/${entry}`), `tidings resolves to ${stdout.trim()}, not ${entry}`);
      } finally {
        rmSync(probe, { force: true });
      }
      mock.reset();
      const { stdout } = await runOk(bin('bun'), [file], { cwd: dir, env: runtimeEnv, timeoutMs: 60_000 });
      expectDemo(stdout, format === 'esm' ? 'Hello from Bun (ESM)' : 'Hello from Bun (CommonJS)');
      await expectRefusedToken(bin('bun'), [file], dir);
      return `${await version()}: ${entry}; list, send, get, Flatchr list; a refused token`;
    });
  }
}

await mock.close();
process.exit(report.summary() ? 1 : 0);
