// Runs every example of examples/ in its runtime against the mock server, the
// way a user gets the package: `npm pack` of pkg/ (built first if missing),
// then `npm install --no-save <tarball>` into each example (skipped when the
// installed copy already holds the tarball's exact files).
//
//   node tests/browser/run-examples.mjs [name-prefix ...]   # e.g. `vite extension`
//   TIDINGS_PKG_DIR=/path/to/built/pkg node tests/browser/run-examples.mjs
//
// Node ESM and CJS run as child processes; the browser page, the Vite app (its
// production build, its dev server and a Vitest test), the Web Worker and the
// MV3 extension run in headless Debian Chromium (playwright-core). The types are
// checked per module format with the root TypeScript (tsc --strict) against the
// installed package, and with @arethetypeswrong/cli on the tarball.
// Prints `ok <name>` / `FAIL <name>: reason` per check, then `N passed, M failed`.
// Screenshots: tests/artifacts/example-browser.png, tests/artifacts/example-extension.png.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fixtures from '../mock/server.mjs';
import { launchBrowser, launchWithExtension, readMessageRows, waitForStatus, watchPage } from './lib/chromium.mjs';
import { INIT_MODES, INIT_PAGE } from './lib/init-page.mjs';
import { installExample, packPackage, run, runOk } from './lib/install.mjs';
import { createReport, expect } from './lib/report.mjs';
import { examples, pkgDir, root, toolEnv, wanted } from './lib/runner.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const typeConsumers = join(root, 'tests', 'types', 'installed');
const artifacts = join(root, 'tests', 'artifacts');
const env = toolEnv();

const report = createReport();
const SEED_IDS = fixtures.TILEDESK_SEED_MESSAGES.map((m) => m._id);
const SEED_TEXTS = fixtures.TILEDESK_SEED_MESSAGES.map((m) => m.text); // 'test56', the Bot's text
const SEED_SENDERS = fixtures.TILEDESK_SEED_MESSAGES.map((m) => m.senderFullname); // Guest, Bot

// --- the package ------------------------------------------------------------------

/** Every file an exports map, main/module/types/browser field or sideEffects names. */
function manifestTargets(manifest) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  for (const field of ['main', 'module', 'types', 'browser']) if (typeof manifest[field] === 'string') targets.add(manifest[field]);
  if (Array.isArray(manifest.sideEffects)) manifest.sideEffects.forEach((f) => targets.add(f));
  return [...targets].map((t) => t.replace(/^\.\//, ''));
}

/** Has `value` (an exports subtree) a "types" condition somewhere? */
const hasTypes = (value) => !!value && typeof value === 'object' && Object.entries(value).some(([k, v]) => k === 'types' || hasTypes(v));

/**
 * Conditions objects of the exports map where TypeScript would take a JS target
 * before reaching "types": a key it matches (import, require, default, or a
 * subtree without types, e.g. "node") placed before "types".
 */
function typesNotFirst(exportsMap, path = 'exports') {
  const found = [];
  if (exportsMap && typeof exportsMap === 'object') {
    const keys = Object.keys(exportsMap);
    const at = keys.indexOf('types');
    if (at > 0) {
      const shadowing = keys.slice(0, at).filter((k) => ['import', 'require', 'default'].includes(k) || !hasTypes(exportsMap[k]));
      if (shadowing.length) found.push(`${path} (after ${shadowing.join(', ')})`);
    }
    for (const key of keys) found.push(...typesNotFirst(exportsMap[key], `${path}[${JSON.stringify(key)}]`));
  }
  return found;
}

let pack;
const packed = await report.check(
  'package',
  async () => {
    const built = ['package.json', 'browser.js', 'node.mjs', 'node.cjs', 'tidings_bg.wasm'].every((f) => existsSync(join(pkgDir, f)));
    if (!built && !process.env.TIDINGS_PKG_DIR) await runOk('node', ['scripts/build.mjs'], { cwd: root, env, timeoutMs: 900_000 });
    pack = await packPackage(pkgDir, join(root, 'tmp', 'run-examples'));
    const manifest = JSON.parse(pack.files.get('package.json').toString('utf8'));
    const missing = manifestTargets(manifest).filter((file) => !pack.files.has(file));
    expect(missing.length === 0, `package.json names files the tarball lacks: ${missing.join(', ')}`);
    const misplaced = typesNotFirst(manifest.exports);
    expect(misplaced.length === 0, `"types" comes too late for TypeScript in ${misplaced.join(', ')}`);
    expect(manifest.engines?.node, 'package.json has no engines.node');
    // Exactly the files package.json lists (no glob there), plus package.json.
    const listed = ['package.json', ...manifest.files].sort();
    expect(JSON.stringify([...pack.files.keys()].sort()) === JSON.stringify(listed), 'the tarball does not hold exactly the files package.json lists', [[...pack.files.keys()].sort().join(' '), listed.join(' ')]);
    const papers = ['LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md', 'README.md'].filter((file) => !pack.files.has(file));
    expect(papers.length === 0, `the tarball lacks ${papers.join(', ')}`);
    for (const field of ['repository', 'homepage', 'bugs']) expect(manifest[field], `package.json has no ${field}`);
    const readme = pack.files.get('README.md').toString('utf8');
    const local = [...readme.matchAll(/\]\((?!https?:|#)([^)]+)\)/g)].map((m) => m[1]);
    expect(local.length === 0, `the npm README links to files the tarball lacks: ${local.join(', ')}`);
    // Links into the repository (its homepage's URL) name paths the repository holds.
    const repository = manifest.homepage.replace(/#.*$/, '');
    const intoRepo = [...readme.matchAll(/\]\((https?:[^)]+)\)/g)].map((m) => m[1]).filter((url) => url.startsWith(repository));
    const absent = intoRepo.filter((url) => !existsSync(join(root, url.slice(repository.length).replace(/^\/(?:tree|blob)\/main\/?/, ''))));
    expect(absent.length === 0, `the npm README links to repository paths that do not exist: ${absent.join(', ')}`);
    const elsewhere = [...readme.matchAll(/\]\((https?:[^)]+)\)/g)].map((m) => m[1]).filter((url) => !url.startsWith(repository));
    expect(elsewhere.length === 0, `the npm README links outside the repository: ${elsewhere.join(', ')}`);
    return `${pack.info.filename}, ${pack.files.size} files: ${[...pack.files.keys()].sort().join(' ')}`;
  },
  { timeoutMs: 960_000 },
);
if (!packed) {
  report.summary();
  process.exit(1);
}

const mock = await fixtures.startMockServer();
const nodeEnv = {
  ...env,
  TILEDESK_BASE_URL: `${mock.url}/v3`,
  TILEDESK_TOKEN: fixtures.TILEDESK_JWT,
  TILEDESK_PROJECT_ID: fixtures.TILEDESK_PROJECT_ID,
  TILEDESK_REQUEST_ID: fixtures.TILEDESK_REQUEST_ID,
  FLATCHR_BASE_URL: mock.url,
  FLATCHR_TOKEN: fixtures.FLATCHR_API_KEY,
  FLATCHR_COMPANY_ID: fixtures.FLATCHR_COMPANY_ID,
  FLATCHR_APPLICANT_ID: fixtures.FLATCHR_APPLICANT_ID,
  FLATCHR_EMAIL: fixtures.FLATCHR_LOGIN.email,
  FLATCHR_PASSWORD: fixtures.FLATCHR_LOGIN.password,
};
/** The query string every browser example reads. */
const pageQuery = (extra = {}) =>
  new URLSearchParams({
    baseUrl: `${mock.url}/v3`,
    token: fixtures.TILEDESK_JWT,
    projectId: fixtures.TILEDESK_PROJECT_ID,
    requestId: fixtures.TILEDESK_REQUEST_ID,
    ...extra,
  }).toString();

let browser;
const getBrowser = async () => (browser ??= await launchBrowser());
mkdirSync(artifacts, { recursive: true });

/** Asserts the Tiledesk seed messages (ids, senders, texts) lead `rows`. */
function expectSeedRows(rows, problems = []) {
  const got = rows.slice(0, 2);
  expect(
    got.length === 2 &&
      got.every((row, i) => row.id === SEED_IDS[i] && row.sender === SEED_SENDERS[i] && row.text === SEED_TEXTS[i]),
    'the page does not show the two seed messages (ids, senders, texts)',
    [`shown: ${JSON.stringify(rows)}`, ...problems],
  );
}

/** Asserts the mock saw the listing of the seed request with the JWT, optionally from `origin`. */
function expectMockListed({ origin } = {}) {
  const listed = mock
    .requests({ pathIncludes: `/requests/${fixtures.TILEDESK_REQUEST_ID}/messages` })
    .filter((r) => r.method === 'GET');
  expect(listed.length > 0, 'the mock received no listing of the request');
  expect(
    listed.every((r) => r.headers.authorization === `JWT ${fixtures.TILEDESK_JWT}`),
    'a listing did not carry `Authorization: JWT <token>`',
    listed.map((r) => JSON.stringify(r.headers)),
  );
  if (origin) expect(listed.some((r) => r.headers.origin === origin), `no listing came from the origin ${origin}`, listed.map((r) => `origin: ${r.headers.origin}`));
}

/** Opens `url` in a new page, waits for `#status`, and checks the seed rows. Returns { page, status, rows, problems }. */
async function openExamplePage(url, { context } = {}) {
  const page = await (context ?? (await getBrowser()).context).newPage();
  const problems = watchPage(page);
  await page.goto(url);
  const status = await waitForStatus(page).catch((error) => `(no final status: ${error.message.split('\n')[0]})`);
  const rows = await readMessageRows(page);
  expect(status === 'done', `status line: ${status}`, problems);
  expectSeedRows(rows, problems);
  return { page, status, rows, problems };
}

const expectNoProblems = (problems) => expect(problems.length === 0, 'the page reported problems', problems);

// --- Node -----------------------------------------------------------------------------

function expectNodeDemoOutput(stdout) {
  const wantedLines = [
    `Tiledesk request ${fixtures.TILEDESK_REQUEST_ID}: 2 message(s)`,
    `${SEED_SENDERS[0]}: ${SEED_TEXTS[0]}`,
    `${SEED_SENDERS[1]}: ${SEED_TEXTS[1]}`,
    `Flatchr applicant ${fixtures.FLATCHR_APPLICANT_ID}: 1 message(s)`,
  ];
  const absent = wantedLines.filter((line) => !stdout.includes(line));
  expect(absent.length === 0, `the output lacks: ${absent.join(' | ')}`, stdout.trim().split('\n'));
  expect(/Sent message [0-9a-f]{24} \(status 0, sending\)/.test(stdout), 'the output does not show the sent message', stdout.trim().split('\n'));
  expect(stdout.includes('Fetched it back by id:'), 'the sent message was not fetched back');
}

/** The node-esm demo also plays a visitor, and logs in to Flatchr to send. */
function expectVisitorAndLogInOutput(stdout) {
  expect(/Visitor Demo visitor \([0-9a-f-]{36}\) signed in anonymously/.test(stdout), 'the visitor did not sign in', stdout.trim().split('\n'));
  expect(/Sent the first message of the new request support-group-demo-\d+: [0-9a-f]{24}/.test(stdout), 'the visitor sent nothing');
  expect(/Listed it back: 1 message\(s\)\n.*Demo visitor: Hi, I have a question/.test(stdout), 'the visitor\'s message was not listed back');
  expect(/Logged in to Flatchr and sent "Interview" to applicant /.test(stdout), 'the Flatchr log-in and send did not happen');
}

if (wanted('node-esm')) {
  await report.check('node-esm', async () => {
    const dir = join(examples, 'node-esm');
    await installExample(dir, pack);
    const resolved = await runOk('node', ['--input-type=module', '-e', "console.log(import.meta.resolve('tidings'))"], { cwd: dir, env });
    expect(resolved.stdout.trim().endsWith('/node_modules/tidings/node.mjs'), `import 'tidings' resolves to ${resolved.stdout.trim()}, not node.mjs`);
    mock.reset();
    const { stdout } = await runOk('node', ['demo.mjs'], { cwd: dir, env: nodeEnv, timeoutMs: 60_000 });
    expectNodeDemoOutput(stdout);
    expectVisitorAndLogInOutput(stdout);
    expectMockListed();
    return 'import → node.mjs; list, send, get, visitor flow, Flatchr list, log-in and send';
  });
}

if (wanted('node-cjs')) {
  await report.check('node-cjs', async () => {
    const dir = join(examples, 'node-cjs');
    await installExample(dir, pack);
    const resolved = await runOk('node', ['-p', "require.resolve('tidings')"], { cwd: dir, env });
    expect(resolved.stdout.trim().endsWith('/node_modules/tidings/node.cjs'), `require('tidings') resolves to ${resolved.stdout.trim()}, not node.cjs`);
    mock.reset();
    const { stdout } = await runOk('node', ['demo.cjs'], { cwd: dir, env: nodeEnv, timeoutMs: 60_000 });
    expectNodeDemoOutput(stdout);
    expectMockListed();
    return 'require → node.cjs; list, send, get, Flatchr list';
  });
}

if (wanted('esbuild-node')) {
  await report.check('esbuild-node', async () => {
    const dir = join(examples, 'esbuild-node');
    await installExample(dir, pack);
    await runOk('node', ['build.mjs'], { cwd: dir, env });
    const wantedLines = [
      `Tiledesk request ${fixtures.TILEDESK_REQUEST_ID}: 2 message(s)`,
      `${SEED_SENDERS[0]}: ${SEED_TEXTS[0]}`,
      `${SEED_SENDERS[1]}: ${SEED_TEXTS[1]}`,
      `first message watched: ${SEED_TEXTS[0]}`,
    ];
    for (const bundle of ['dist/list.mjs', 'dist/list.cjs']) {
      const source = readFileSync(join(dir, bundle), 'utf8');
      expect(!/from ['"]tidings['"]|require\(['"]tidings['"]\)/.test(source), `${bundle} does not bundle tidings`);
      mock.reset();
      const { stdout } = await runOk('node', [bundle], { cwd: dir, env: nodeEnv, timeoutMs: 60_000 });
      const absent = wantedLines.filter((line) => !stdout.includes(line));
      expect(absent.length === 0, `${bundle}: the output lacks: ${absent.join(' | ')}`, stdout.trim().split('\n'));
      expectMockListed();
    }
    // The same bundle where no node_modules/tidings can be found: a config TidingsError naming the fix.
    const away = mkdtempSync(join(tmpdir(), 'tidings-esbuild-node-'));
    try {
      copyFileSync(join(dir, 'dist', 'list.cjs'), join(away, 'list.cjs'));
      const moved = await run('node', ['list.cjs'], { cwd: away, env: nodeEnv, timeoutMs: 60_000 });
      expect(
        moved.code !== 0 && /TidingsError: invalid runtime: tidings could not find tidings_bg\.wasm[\s\S]*--external:tidings/.test(moved.stderr) && /kind: 'config'/.test(moved.stderr),
        `a bundle away from node_modules: exit ${moved.code}`,
        moved.stderr.trim().split('\n').slice(0, 8),
      );
    } finally {
      rmSync(away, { recursive: true, force: true });
    }
    return 'esbuild --platform=node, tidings bundled: ESM and CJS output list and watch (the driver required from the installed package) from the mock; moved away, a config TidingsError naming --external:tidings';
  });
}

// --- the plain browser page -------------------------------------------------------------

if (wanted('rollup')) {
  await report.check('rollup', async () => {
    const dir = join(examples, 'rollup');
    await installExample(dir, pack);
    const out = mkdtempSync(join(tmpdir(), 'tidings-rollup-'));
    try {
      await runOk('node', ['build.mjs', join(out, 'with')], { cwd: dir, env });
      // The Node bundles, run from the project (its node_modules holds tidings).
      for (const bundle of ['list.mjs', 'list.cjs']) {
        const file = join(out, 'with', bundle);
        expect(!/from ['"]tidings['"]|require\(['"]tidings['"]\)/.test(readFileSync(file, 'utf8')), `${bundle} does not bundle tidings`);
        mock.reset();
        const { stdout } = await runOk('node', [file], { cwd: dir, env: nodeEnv, timeoutMs: 60_000 });
        expect(stdout.includes(`Tiledesk request ${fixtures.TILEDESK_REQUEST_ID}: 2 message(s)`) && stdout.includes(`${SEED_SENDERS[1]}: ${SEED_TEXTS[1]}`), `${bundle}: ${stdout.trim()}`);
        expectMockListed();
      }
      // The page, with the build's one line that copies the wasm.
      const server = await startStaticServer(join(out, 'with', 'web'));
      try {
        mock.reset();
        const { page, problems } = await openExamplePage(`${server.url}/index.html?${pageQuery()}`);
        expect(server.count('/tidings_bg.wasm') === 1, `the wasm was downloaded ${server.count('/tidings_bg.wasm')} times`, server.log);
        expectMockListed({ origin: server.url });
        expectNoProblems(problems);
        await page.close();
      } finally {
        await server.close();
      }
      // Without it: a config TidingsError naming that line.
      await runOk('node', ['build.mjs', join(out, 'without'), '--without-wasm'], { cwd: dir, env });
      const bare = await startStaticServer(join(out, 'without', 'web'));
      try {
        const page = await (await getBrowser()).context.newPage();
        await page.goto(`${bare.url}/index.html?${pageQuery()}`);
        const status = await waitForStatus(page).catch((error) => `(no final status: ${error.message.split('\n')[0]})`);
        await page.close();
        expect(
          status.startsWith('error: config: invalid runtime: tidings_bg.wasm was not found') && status.includes('cp node_modules/tidings/tidings_bg.wasm dist/'),
          `without the copy, the status was: ${status}`,
        );
      } finally {
        await bare.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return 'Rollup + node-resolve: Node ESM and CJS bundles list; the page with the one copy line lists in Chromium, without it a config TidingsError naming the line';
  });
}

if (wanted('esbuild-browser')) {
  await report.check('esbuild-browser', async () => {
    const dir = join(examples, 'esbuild-browser');
    await installExample(dir, pack);
    const out = mkdtempSync(join(tmpdir(), 'tidings-esbuild-browser-'));
    try {
      // With the build's one line that copies the wasm: the page lists.
      await runOk('node', ['build.mjs', join(out, 'with')], { cwd: dir, env });
      const server = await startStaticServer(join(out, 'with'));
      try {
        mock.reset();
        const { page, problems } = await openExamplePage(`${server.url}/index.html?${pageQuery()}`);
        expect(server.count('/tidings_bg.wasm') === 1, `the wasm was downloaded ${server.count('/tidings_bg.wasm')} times`, server.log);
        expectMockListed({ origin: server.url });
        expectNoProblems(problems);
        await page.close();
      } finally {
        await server.close();
      }
      // Without it: a config TidingsError naming that line.
      await runOk('node', ['build.mjs', join(out, 'without'), '--without-wasm'], { cwd: dir, env });
      const bare = await startStaticServer(join(out, 'without'));
      try {
        const page = await (await getBrowser()).context.newPage();
        await page.goto(`${bare.url}/index.html?${pageQuery()}`);
        const status = await waitForStatus(page).catch((error) => `(no final status: ${error.message.split('\n')[0]})`);
        await page.close();
        expect(
          status.startsWith('error: config: invalid runtime: tidings_bg.wasm was not found') && status.includes('cp node_modules/tidings/tidings_bg.wasm dist/'),
          `without the copy, the status was: ${status}`,
        );
      } finally {
        await bare.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return 'esbuild bundle + the one copy line: lists in Chromium; without it, a config TidingsError naming the line';
  });
}

if (wanted('browser')) {
  const dir = join(examples, 'browser');
  let server;
  const served = await report.check('browser', async () => {
    await installExample(dir, pack);
    server = await startStaticServer(dir, { routes: { '/__test/init.html': { body: INIT_PAGE } } });
    mock.reset();
    const text = 'Hello from the browser example';
    const { page, rows, problems } = await openExamplePage(`${server.url}/index.html?${pageQuery({ send: text })}`);
    const sent = rows[2];
    expect(rows.length === 3 && /^[0-9a-f]{24}$/.test(sent?.id) && sent.text === text && sent.note === 'sent just now', 'the sent message is not shown', [JSON.stringify(rows)]);
    expect(server.count('/tidings_bg.wasm') === 1, `the wasm was downloaded ${server.count('/tidings_bg.wasm')} times, not once`, server.log);
    expectMockListed({ origin: server.url });
    const posted = mock.requests({ pathIncludes: '/messages' }).filter((r) => r.method === 'POST');
    expect(posted.length === 1 && posted[0].headers.origin === server.url, 'the mock did not receive the send from the page', posted.map((r) => JSON.stringify(r.headers)));
    expectNoProblems(problems);
    await page.screenshot({ path: join(artifacts, 'example-browser.png'), fullPage: true });
    await page.close();
    return 'import map → browser.js; list + send; wasm fetched once; screenshot tests/artifacts/example-browser.png';
  });

  if (served) {
    await report.check('browser-init', async () => {
      const settings = encodeURIComponent(
        JSON.stringify({
          tiledeskBaseUrl: `${mock.url}/v3`,
          token: fixtures.TILEDESK_JWT,
          projectId: fixtures.TILEDESK_PROJECT_ID,
          requestId: fixtures.TILEDESK_REQUEST_ID,
          flatchrBaseUrl: mock.url,
          flatchrToken: fixtures.FLATCHR_API_KEY,
          companyId: fixtures.FLATCHR_COMPANY_ID,
          applicantId: fixtures.FLATCHR_APPLICANT_ID,
        }),
      );
      const failures = [];
      mock.reset();
      for (const mode of INIT_MODES) {
        const page = await (await getBrowser()).context.newPage();
        const problems = watchPage(page);
        const before = server.count('/tidings_bg.wasm');
        await page.goto(`${server.url}/__test/init.html?mode=${mode}#${settings}`);
        const r = await page.evaluate(() => window.results);
        const downloads = server.count('/tidings_bg.wasm') - before;
        await page.close();
        const wrong = [];
        if (r.failed) wrong.push(`threw ${JSON.stringify(r.failed)} ${r.stack}`);
        if (JSON.stringify(r.texts) !== JSON.stringify(SEED_TEXTS)) wrong.push(`listed ${JSON.stringify(r.texts)}`);
        if (downloads !== 1) wrong.push(`the wasm was downloaded ${downloads} times`);
        if (r.baseUrlAfterInit !== `${mock.url}/v3`) wrong.push(`baseUrl after init: ${r.baseUrlAfterInit}`);
        if (r.configErrorAfterInit?.kind !== 'config' || !r.configErrorAfterInit?.isTidingsError) wrong.push(`config error after init: ${JSON.stringify(r.configErrorAfterInit)}`);
        if (r.disposable !== true) wrong.push('the clients have no [Symbol.dispose]() although index.d.ts declares it (`using` would throw)');
        if (mode === 'lazy') {
          if (r.flatchrCount !== 1) wrong.push(`Flatchr listed ${r.flatchrCount} messages`);
          if (r.configErrorBeforeInit?.kind !== 'config' || !r.configErrorBeforeInit?.isError) wrong.push(`config error before init: ${JSON.stringify(r.configErrorBeforeInit)}`);
        }
        if (mode === 'load-failure') {
          if (r.loadError === 'init resolved') wrong.push('init() with a URL answering 404 resolved');
          if (r.isTidingsErrorThrew) wrong.push(`isTidingsError(<the load error>) threw instead of answering false: ${r.isTidingsErrorThrew}`);
          else if (r.loadErrorIsTidingsError !== false) wrong.push(`isTidingsError(<the load error>) = ${r.loadErrorIsTidingsError}`);
        }
        const unexpected = problems.filter((p) => !(mode === 'load-failure' && /404|missing\.wasm/.test(p)));
        if (unexpected.length) wrong.push(...unexpected);
        if (wrong.length) failures.push(`${mode}: ${wrong.join('; ')}`);
      }
      expect(failures.length === 0, `init contract broken in ${failures.length} mode(s)`, failures);
      return `fresh page per mode: ${INIT_MODES.join(', ')}; one wasm download each; repeated init/initSync harmless`;
    });
  }
  await server?.close();
}

// --- Vite: production build, dev server, Vitest -------------------------------------------

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

if (wanted('vite') || wanted('vitest')) {
  const dir = join(examples, 'vite');
  const installed = await report.check(
    'vite',
    async () => {
      await installExample(dir, pack);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const devDeps = Object.keys(manifest.devDependencies ?? {}).sort();
      // jsdom is Vitest's, for its jsdom environment.
      expect(JSON.stringify(devDeps) === '["jsdom","vite","vitest"]' && !manifest.dependencies, `the Vite example must need no wasm plugin, yet depends on ${devDeps.join(', ')}`);
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      const build = await runOk(join(dir, 'node_modules', '.bin', 'vite'), ['build'], { cwd: dir, env, timeoutMs: 120_000 });
      const assets = readdirSync(join(dir, 'dist', 'assets'));
      const wasm = assets.filter((f) => f.endsWith('.wasm'));
      expect(wasm.length === 1, `vite build emitted ${wasm.length} .wasm assets`, [build.stdout]);
      const server = await startStaticServer(join(dir, 'dist'));
      try {
        mock.reset();
        const { page, problems } = await openExamplePage(`${server.url}/?${pageQuery()}`);
        await page.close();
        expect(server.count(`/assets/${wasm[0]}`) === 1, `the wasm asset was downloaded ${server.count(`/assets/${wasm[0]}`)} times`, server.log);
        expectMockListed({ origin: server.url });
        expectNoProblems(problems);
      } finally {
        await server.close();
      }
      const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'vite', 'package.json'), 'utf8')).version;
      return `vite ${version} build, no plugin: dist/assets/${wasm[0]}; served dist/ in Chromium`;
    },
    { timeoutMs: 300_000 },
  );

  if (installed && wanted('vite-dev')) {
    await report.check('vite-dev', async () => {
      const port = await freePort();
      const child = spawn(join(dir, 'node_modules', '.bin', 'vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      try {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`vite dev did not start: ${output}`)), 30_000);
          child.stdout.on('data', () => output.includes(`${port}`) && (clearTimeout(timer), resolve()));
          child.once('exit', (code) => reject(new Error(`vite dev exited with ${code}: ${output}`)));
        });
        mock.reset();
        const { page, problems } = await openExamplePage(`http://127.0.0.1:${port}/?${pageQuery()}`);
        await page.close();
        expectNoProblems(problems);
      } catch (error) {
        throw new Error(`${error.message}\nvite output:\n${output.trim()}`);
      } finally {
        child.kill('SIGTERM');
      }
      return 'the dev server (dependency pre-bundling) serves the wasm too';
    });
  }

  if (installed && wanted('vitest')) {
    await report.check('vitest', async () => {
      const { stdout, stderr } = await runOk(join(dir, 'node_modules', '.bin', 'vitest'), ['run'], { cwd: dir, env: nodeEnv, timeoutMs: 120_000 });
      const output = `${stdout}\n${stderr}`;
      expect(/Tests\s+4 passed \(4\)/.test(output), 'Vitest did not pass its 4 tests', output.trim().split('\n'));
      expect(SEED_TEXTS.every((t) => output.includes(`jsdom row: `) && output.includes(t)), 'the jsdom test did not render the seed messages', output.trim().split('\n'));
      expect(SEED_TEXTS.every((t) => output.includes(t)), 'the Vitest test did not list the seed messages', output.trim().split('\n'));
      const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'vitest', 'package.json'), 'utf8')).version;
      return `vitest ${version}: 4 tests, in the node and the jsdom environments`;
    });
  }
}

// --- webpack, Jest, Next.js ------------------------------------------------------------------

/** Starts a long-running command; resolves once its output includes `ready`. Returns { child, output(), stop() }. */
async function startLongRunning(command, args, { cwd, env: childEnv, ready, timeoutMs = 60_000 }) {
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const stop = () =>
    new Promise((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      child.once('exit', () => resolveStop());
      child.kill('SIGTERM');
    });
  try {
    await new Promise((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not start in ${timeoutMs} ms`)), timeoutMs);
      const look = () => output.includes(ready) && (clearTimeout(timer), resolveReady());
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${command} exited with ${code}`))));
    });
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${output.trim()}`);
  }
  return { child, output: () => output, stop };
}

if (wanted('webpack')) {
  await report.check('webpack', async () => {
    const dir = join(examples, 'webpack');
    await installExample(dir, pack);
    const config = readFileSync(join(dir, 'webpack.config.js'), 'utf8');
    expect(!/tidings|wasm|module:\s*\{|plugins/.test(config.replace(/^\/\/.*$/gm, '')), 'webpack.config.js has a tidings-, wasm-, loader- or plugin-specific setting');
    await runOk('npm', ['run', 'build', '--silent'], { cwd: dir, env, timeoutMs: 180_000 });
    const wasm = readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.wasm'));
    expect(wasm.length === 1, `webpack emitted ${wasm.length} .wasm assets`);
    const server = await startStaticServer(join(dir, 'dist'));
    try {
      mock.reset();
      const { page, problems } = await openExamplePage(`${server.url}/index.html?${pageQuery()}`);
      await page.close();
      expect(server.count(`/${wasm[0]}`) === 1, `the wasm asset was downloaded ${server.count(`/${wasm[0]}`)} times`, server.log);
      expectMockListed({ origin: server.url });
      expectNoProblems(problems);
    } finally {
      await server.close();
    }
    const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'webpack', 'package.json'), 'utf8')).version;
    return `webpack ${version}, no loader or plugin: emitted ${wasm[0]}; the page lists in Chromium`;
  }, { timeoutMs: 300_000 });
}

if (wanted('jest')) {
  await report.check('jest', async () => {
    const dir = join(examples, 'jest');
    await installExample(dir, pack);
    mock.reset();
    const result = await run(join(dir, 'node_modules', '.bin', 'jest'), ['--ci', '--verbose'], { cwd: dir, env: nodeEnv, timeoutMs: 180_000 });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code === 0 && /Tests:\s+7 passed, 7 total/.test(output), `Jest exited ${result.code} without its 7 tests passing`, output.trim().split('\n').slice(-40));
    for (const environment of ['node', 'jsdom']) {
      expect(SEED_TEXTS.every((t) => output.includes(`${environment}: `) && output.includes(t)), `the ${environment} tests did not list the seed messages`);
      expect(/✓ lists the messages of a Tiledesk request/.test(output), 'no listing test passed');
    }
    expect(/PASS tests\/jsdom\.test\.js/.test(output) && /PASS tests\/node\.test\.js/.test(output), 'a test file did not pass', output.trim().split('\n').slice(-40));
    expectMockListed();
    // A timeout and an abort in the jsdom realm reach Node's fetch: a server that never answers sees both connections closed.
    const hanging = [];
    const hang = http.createServer((req) => {
      const entry = { url: req.url, closed: false };
      hanging.push(entry);
      req.socket.once('close', () => (entry.closed = true));
    });
    await new Promise((listening) => hang.listen(0, '127.0.0.1', listening));
    const checks = join(dir, '__checks__');
    mkdirSync(checks, { recursive: true });
    copyFileSync(join(root, 'tests', 'browser', 'lib', 'jest-jsdom-abort.js'), join(checks, 'abort.test.js'));
    try {
      const aborting = await run(join(dir, 'node_modules', '.bin', 'jest'), ['--ci', '--verbose', '--runTestsByPath', '__checks__/abort.test.js'], {
        cwd: dir,
        env: { ...env, HANG_URL: `http://127.0.0.1:${hang.address().port}/v3` },
        timeoutMs: 120_000,
      });
      const abortOutput = `${aborting.stdout}\n${aborting.stderr}`;
      expect(aborting.code === 0 && /Tests:\s+3 passed, 3 total/.test(abortOutput), `the jsdom timeout/abort tests: exit ${aborting.code}`, abortOutput.trim().split('\n').slice(-30));
      const until = Date.now() + 5_000;
      while (hanging.some((h) => !h.closed) && Date.now() < until) await new Promise((later) => setTimeout(later, 50));
      expect(hanging.length === 2 && hanging.every((h) => h.closed), `the never-answering server saw ${hanging.length} request(s), ${hanging.filter((h) => h.closed).length} closed`);
    } finally {
      rmSync(checks, { recursive: true, force: true });
      hang.closeAllConnections?.();
      await new Promise((closed) => hang.close(closed));
    }
    const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'jest', 'package.json'), 'utf8')).version;
    return `jest ${version}: node and jsdom environments (list, a 404 TidingsError with instanceof, a stubbed fetch used); in jsdom a timeout and an abort close Node's fetch's connection`;
  }, { timeoutMs: 300_000 });
}

if (wanted('nextjs')) {
  const dir = join(examples, 'nextjs');
  /** GET `path` of the app at `origin` (a route handler), from Node: the mock's seed messages, answered by `runtime`. */
  const expectRouteListed = async (origin, path, runtime) => {
    mock.reset();
    const answer = await fetch(`${origin}${path}`);
    const text = await answer.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`GET ${path}: ${answer.status}, not JSON: ${text.slice(0, 300)}`);
    }
    expect(answer.status === 200 && json.runtime === runtime && JSON.stringify(json.messages?.map((m) => m.id)) === JSON.stringify(SEED_IDS), `GET ${path}: ${answer.status} ${JSON.stringify(json).slice(0, 300)}`);
    expectMockListed();
  };
  const installed = await report.check('nextjs-install', async () => {
    const done = await installExample(dir, pack);
    const config = readFileSync(join(dir, 'next.config.mjs'), 'utf8').replace(/^\/\/.*$/gm, '');
    expect(!/tidings|serverExternalPackages|webpack\s*[:(]|wasm/.test(config), 'next.config.mjs has a tidings-, wasm- or webpack-specific setting');
    return done.join('; ') || 'up to date';
  }, { timeoutMs: 600_000 });
  // The development server (Turbopack), where React runs each effect twice: the
  // client component's first client is freed while its call waits for the wasm.
  if (installed) {
    await report.check('nextjs-dev', async () => {
      const nextEnv = { ...nodeEnv, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: '.next-dev' };
      rmSync(join(dir, '.next-dev'), { recursive: true, force: true });
      const port = await freePort();
      const server = await startLongRunning(join(dir, 'node_modules', '.bin', 'next'), ['dev', '-H', '127.0.0.1', '-p', String(port)], { cwd: dir, env: nextEnv, ready: 'Ready' });
      const origin = `http://127.0.0.1:${port}`;
      try {
        mock.reset();
        const serverPage = await openExamplePage(`${origin}/`);
        await serverPage.page.close();
        expectNoProblems(serverPage.problems);
        mock.reset();
        const clientPage = await openExamplePage(`${origin}/client?${pageQuery()}`);
        await clientPage.page.close();
        expectNoProblems(clientPage.problems);
        expectMockListed({ origin });
        await expectRouteListed(origin, '/api/edge', 'edge');
      } catch (error) {
        throw new Error(`${error.message}\nnext dev output:\n${server.output().trim().split('\n').slice(-20).join('\n')}`);
      } finally {
        await server.stop();
        rmSync(join(dir, '.next-dev'), { recursive: true, force: true });
      }
      return 'next dev (Turbopack): the server component, the client component (its effect run twice) and the edge route handler list from the mock';
    }, { timeoutMs: 300_000 });
  }
  for (const bundler of installed ? ['turbopack', 'webpack'] : []) {
    await report.check(`nextjs-${bundler}`, async () => {
      const distDir = `.next-${bundler}`;
      const nextEnv = { ...nodeEnv, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: distDir };
      const next = join(dir, 'node_modules', '.bin', 'next');
      rmSync(join(dir, distDir), { recursive: true, force: true });
      const build = await runOk(next, ['build', ...(bundler === 'webpack' ? ['--webpack'] : [])], { cwd: dir, env: nextEnv, timeoutMs: 400_000 });
      expect(build.stdout.includes(bundler === 'webpack' ? '(webpack)' : '(Turbopack)'), `next build did not use ${bundler}`, build.stdout.split('\n').slice(0, 3));
      const port = await freePort();
      const server = await startLongRunning(next, ['start', '-H', '127.0.0.1', '-p', String(port)], { cwd: dir, env: nextEnv, ready: 'Ready' });
      const origin = `http://127.0.0.1:${port}`;
      const wasmRequests = [];
      try {
        // The route handlers, in Node and in the edge runtime, asked from Node.
        await expectRouteListed(origin, '/api/messages', 'nodejs');
        await expectRouteListed(origin, '/api/edge', 'edge');
        // The server component, rendered by Next.js, loaded in Chromium.
        mock.reset();
        const serverPage = await openExamplePage(`${origin}/`);
        await serverPage.page.close();
        expectNoProblems(serverPage.problems);
        expectMockListed();
        // The client component: tidings runs in the page, which fetches the wasm from Next.js.
        mock.reset();
        const context = (await getBrowser()).context;
        const onRequest = (request) => request.url().endsWith('.wasm') && wasmRequests.push(request.url());
        context.on('request', onRequest);
        try {
          const clientPage = await openExamplePage(`${origin}/client?${pageQuery()}`);
          await clientPage.page.close();
          expectNoProblems(clientPage.problems);
        } finally {
          context.off('request', onRequest);
        }
        expect(wasmRequests.length === 1 && wasmRequests[0].startsWith(`${origin}/_next/static/`), `the page fetched the wasm ${wasmRequests.length} times: ${wasmRequests.join(', ')}`);
        expectMockListed({ origin });
      } catch (error) {
        throw new Error(`${error.message}\nnext start output:\n${server.output().trim().split('\n').slice(-20).join('\n')}`);
      } finally {
        await server.stop();
      }
      const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'next', 'package.json'), 'utf8')).version;
      return `next ${version} build (${bundler}) + next start: route handlers (Node and edge runtimes), server component and client component (wasm ${wasmRequests[0]?.replace(origin, '')}) list from the mock`;
    }, { timeoutMs: 600_000 });
  }
}

// --- the dedicated worker -------------------------------------------------------------------

if (wanted('worker')) {
  await report.check('worker', async () => {
    const dir = join(examples, 'worker');
    await installExample(dir, pack);
    const server = await startStaticServer(dir);
    try {
      mock.reset();
      const { page, problems } = await openExamplePage(`${server.url}/index.html?${pageQuery()}`);
      const where = (await page.textContent('#where')).trim();
      await page.close();
      expect(where.startsWith('DedicatedWorkerGlobalScope, window: undefined, document: undefined'), `the worker says: ${where}`);
      expect(server.count('/tidings_bg.wasm') === 1, `the wasm was downloaded ${server.count('/tidings_bg.wasm')} times`, server.log);
      expectMockListed({ origin: server.url });
      expectNoProblems(problems);
    } finally {
      await server.close();
    }
    return 'module worker lists, posts back; the page shows it';
  });
}

// --- the MV3 extension ------------------------------------------------------------------------

/** Builds the extension into a temp dir (optionally with another CSP), loads it, opens result.html. */
async function runExtension({ csp, statusTimeout = 20_000 } = {}) {
  const dir = join(examples, 'extension');
  await installExample(dir, pack);
  const out = mkdtempSync(join(tmpdir(), 'tidings-extension-'));
  const cleanups = [() => rmSync(out, { recursive: true, force: true })];
  try {
    await runOk('node', ['build.mjs', out, ...(csp === undefined ? [] : ['--csp', csp])], { cwd: dir, env });
    const loaded = await launchWithExtension(out);
    cleanups.unshift(loaded.close);
    const page = await loaded.context.newPage();
    const problems = watchPage(page);
    mock.reset();
    await page.goto(`chrome-extension://${loaded.extensionId}/result.html?${pageQuery()}`);
    const status = await waitForStatus(page, { timeout: statusTimeout }).catch((error) => `(no final status: ${error.message.split('\n')[0]})`);
    const rows = await readMessageRows(page);
    const where = (await page.textContent('#where')).trim();
    return { ...loaded, page, problems, status, rows, where, cleanup: () => cleanups.reduce((p, f) => p.then(f), Promise.resolve()) };
  } catch (error) {
    for (const f of cleanups) await f();
    throw error;
  }
}

if (wanted('extension')) {
  await report.check(
    'extension',
    async () => {
      const ext = await runExtension();
      try {
        expect(ext.status === 'done', `status line: ${ext.status}`, ext.problems);
        expectSeedRows(ext.rows, ext.problems);
        expect(ext.where === 'service worker', `listed by: ${ext.where}`);
        expectMockListed();
        expectNoProblems(ext.problems);
        await ext.page.screenshot({ path: join(artifacts, 'example-extension.png'), fullPage: true });
      } finally {
        await ext.cleanup();
      }
      return `extension ${ext.extensionId}: its service worker listed; screenshot tests/artifacts/example-extension.png`;
    },
    { timeoutMs: 90_000 },
  );

  await report.check(
    'extension-csp',
    async () => {
      // The same extension without 'wasm-unsafe-eval': the wasm must be refused,
      // which shows the manifest's CSP entry is what makes it work.
      const ext = await runExtension({ csp: "script-src 'self'; object-src 'self'", statusTimeout: 8_000 });
      try {
        if (!ext.status.startsWith('error:')) {
          const compile = await ext.serviceWorker.evaluate(() =>
            WebAssembly.compileStreaming(fetch(chrome.runtime.getURL('vendor/tidings/tidings_bg.wasm'))).then(() => 'it compiles', (e) => String(e)),
          );
          throw new Error(
            `the page got no answer from the service worker (status: ${ext.status}). WebAssembly there: ${compile.slice(0, 160)}… ` +
              'The worker answers from its rejection handler, which calls isTidingsError (see browser-init load-failure).',
          );
        }
        // The service worker answers `${kind}: ${message}` for a TidingsError: a config error naming the manifest entry to add.
        expect(
          ext.status.startsWith('error: config: ') && ext.status.includes(`"extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"`),
          `without 'wasm-unsafe-eval' the status was: ${ext.status}`,
        );
      } finally {
        await ext.cleanup();
      }
      return `without 'wasm-unsafe-eval': ${ext.status.slice(0, 110)}…`;
    },
    { timeoutMs: 90_000 },
  );
}

await browser?.close();
await mock.close();

// --- types per module format, against the installed package ------------------------------------

const TYPE_CHECKS = {
  'node16-esm': 'Node ESM (esm.mts), module node16, @types/node, no DOM',
  'node16-cjs': 'Node CJS (cjs.cts, import = require), module node16, @types/node, no DOM',
  'nodenext-esm': 'Node ESM (esm.mts), module nodenext',
  'nodenext-cjs': 'Node CJS (cjs.cts), module nodenext',
  bundler: 'bundler resolution (bundler.ts), DOM',
  worker: 'bundler resolution (worker.ts), webworker library, no DOM',
};

if (wanted('types') || wanted('attw') || wanted('publint')) {
  const installed = await report.check('types-install', async () => (await installExample(typeConsumers, pack)).join('; ') || 'up to date', { timeoutMs: 300_000 });
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  if (installed && wanted('types')) {
    const version = (await run(tsc, ['--version'], { cwd: root, env })).stdout.trim();
    for (const [name, what] of Object.entries(TYPE_CHECKS)) {
      await report.check(`types ${name}`, async () => {
        const result = await run(tsc, ['-p', join(typeConsumers, `tsconfig.${name}.json`)], { cwd: typeConsumers, env });
        expect(result.code === 0, `tsc --strict failed (${what})`, `${result.stdout}${result.stderr}`.trim().split('\n'));
        return `${version}: ${what}`;
      });
    }
  }

  if (installed && wanted('attw')) {
    const attw = join(typeConsumers, 'node_modules', '.bin', 'attw');
    let analysis;
    const ran = await report.check('attw', async () => {
      expect(existsSync(attw), '@arethetypeswrong/cli is not installed in tests/types/installed');
      // `attw --pack`: packs pkg/ itself, every entry point of the exports map, every resolution mode.
      const result = await run(attw, ['--pack', pkgDir, '--format', 'json', '--no-definitely-typed'], { cwd: typeConsumers, env });
      expect(result.stdout.trim().startsWith('{'), `attw printed no JSON (exit ${result.code})`, result.stderr.split('\n'));
      analysis = JSON.parse(result.stdout).analysis;
      expect(result.code === 0, `attw --pack exited ${result.code}`, (analysis.problems ?? []).map((p) => JSON.stringify(p)));
      const entries = Object.keys(analysis.entrypoints);
      expect(JSON.stringify(entries) === JSON.stringify(['.', './tidings_bg.wasm', './package.json']), `attw saw the entry points ${entries.join(', ')}`);
      return `@arethetypeswrong/cli ${JSON.parse(readFileSync(join(typeConsumers, 'node_modules', '@arethetypeswrong', 'cli', 'package.json'), 'utf8')).version} --pack, entry points ${entries.join(', ')}`;
    });
    if (ran) {
      for (const kind of ['node10', 'node16-cjs', 'node16-esm', 'bundler']) {
        await report.check(`attw ${kind}`, async () => {
          const problems = (analysis.problems ?? []).filter((p) => !p.resolutionKind || p.resolutionKind === kind);
          expect(problems.length === 0, `${problems.length} problem(s)`, problems.map((p) => JSON.stringify(p)));
          const resolved = Object.entries(analysis.entrypoints).map(([entry, e]) => {
            const r = e.resolutions[kind]?.resolution;
            const typed = entry === './package.json' ? r?.isJson : r?.isTypeScript;
            expect(typed, `${entry} resolves to no ${entry === './package.json' ? 'JSON' : 'types'} for ${kind}`, [JSON.stringify(r)]);
            return `"${entry}" → ${r.fileName.replace('/node_modules/tidings/', '')}`;
          });
          return resolved.join(', ');
        });
      }
    }
  }

  // publint on the package folder: no error, warning or suggestion.
  if (installed && wanted('publint')) {
    await report.check('publint', async () => {
      const publint = join(typeConsumers, 'node_modules', '.bin', 'publint');
      const result = await run(publint, ['run', pkgDir, '--strict'], { cwd: typeConsumers, env: { ...env, NO_COLOR: '1' } });
      const output = `${result.stdout}${result.stderr}`.trim();
      expect(result.code === 0 && output.endsWith('All good!') && !/Suggestions|Warnings|Errors/.test(output), `publint exited ${result.code}`, output.split('\n'));
      return `publint ${JSON.parse(readFileSync(join(typeConsumers, 'node_modules', 'publint', 'package.json'), 'utf8')).version} --strict: All good!`;
    });
  }
}

// npm publish --dry-run of pkg/: it would publish, and exactly the tarball's files.
if (wanted('publish')) {
  await report.check('publish-dry-run', async () => {
    const result = await run('npm', ['publish', '--dry-run', '--json', '--loglevel=error'], { cwd: pkgDir, env });
    expect(result.code === 0, `npm publish --dry-run exited ${result.code}`, `${result.stdout}${result.stderr}`.trim().split('\n').slice(-20));
    const info = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))).tidings;
    const files = info.files.map((f) => f.path).sort();
    const packedFiles = [...pack.files.keys()].sort();
    expect(JSON.stringify(files) === JSON.stringify(packedFiles), 'it would publish other files than the packed tarball holds', [files.join(' '), packedFiles.join(' ')]);
    return `${info.id}, ${files.length} files, ${info.size} B packed`;
  });
}

process.exit(report.summary() ? 1 : 0);
