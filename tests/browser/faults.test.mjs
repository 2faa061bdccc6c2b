// The fault table and the bad-input tables of tests/js/faults/ in headless
// Chromium, against the package's browser entry: one node:test test per row, as
// in Node, each row run inside one page with page.evaluate(). The page imports the
// same modules Node does (served from the repository by a static server on
// 127.0.0.1) and talks to a mock server started in this process.
//
//   node --test tests/browser/faults.test.mjs
//   node --test --test-name-pattern='Retry-After' tests/browser/faults.test.mjs
//
// A screenshot of the page's table of results is saved to
// tests/artifacts/faults-chromium.png.

import { test, before, after } from 'node:test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '../mock/server.mjs';
import { closedLoopbackUrl } from '../js/faults/closed-port.mjs';
import { faultCases } from '../js/faults/cases.mjs';
import { badInputRows, safeIdRows, wrongTypeRows, sentRows } from '../js/faults/bad-inputs.mjs';
import { launchBrowser } from './lib/chromium.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = join(root, 'pkg');
const screenshot = join(root, 'tests', 'artifacts', 'faults-chromium.png');

/** The package's browser entry (what the exports map gives a browser: its "default"), else the wasm-bindgen glue. */
function browserEntry() {
  try {
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    // Down the "browser" (else "default") conditions of exports["."] to a file.
    let target = manifest.exports?.['.'];
    while (target && typeof target === 'object') target = target.browser ?? target.default;
    const entry = typeof target === 'string' ? target.replace(/^\.\//, '') : null;
    if (entry && existsSync(join(pkgDir, entry))) return entry;
  } catch {
    // no manifest: fall through
  }
  return 'tidings.js';
}

// The page: loads the package and the tables, then runs one row per runRow() call
// and adds a line to its table of results.
const PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>tidings fault and bad-input tables (Chromium)</title>
<style>
  body { font: 12px/1.4 system-ui, sans-serif; margin: 12px; }
  td { border-bottom: 1px solid #ddd; padding: 1px 6px; vertical-align: top; }
  tr.fail td { background: #f7d4d4; }
  .detail { color: #666; }
</style>
<h1>tidings fault and bad-input tables in Chromium</h1>
<div id="meta"></div>
<table><tbody id="rows"></tbody></table>
<script type="module">
const config = JSON.parse(decodeURIComponent(location.hash.slice(1)));
document.querySelector('#meta').textContent = 'entry /pkg/' + config.entry + ' · ' + navigator.userAgent;
try {
  const pkg = await import('/pkg/' + config.entry);
  if (typeof pkg.init === 'function') await pkg.init();
  else await pkg.default();
  const { faultCases, runFaultCase } = await import('/tests/js/faults/cases.mjs');
  const tables = await import('/tests/js/faults/bad-inputs.mjs');
  const env = { pkg, mockUrl: config.mockUrl, closedUrl: config.closedUrl, browser: true };
  const wrongTypeErrors = new Map();
  const runners = {
    fault: [faultCases, (row) => runFaultCase(row, env)],
    rejected: [tables.badInputRows, (row) => tables.runBadInputRow(row, env)],
    safe: [tables.safeIdRows, (row) => tables.runSafeIdRow(row, env)],
    wrongType: [tables.wrongTypeRows, async (row, i) => wrongTypeErrors.set(i, await tables.runWrongTypeRow(row, env))],
    wrongTypeField: [tables.wrongTypeRows, (row, i) => {
      if (!wrongTypeErrors.has(i)) throw new Error('the row itself failed');
      tables.expectNamedField(row, wrongTypeErrors.get(i));
    }],
    sent: [tables.sentRows, (row) => tables.runSentRow(row, env)],
  };
  window.runRow = async (table, index) => {
    const [rows, run] = runners[table];
    const started = performance.now();
    let failure = null;
    try {
      await run(rows[index], index);
    } catch (error) {
      failure = { name: error?.name ?? 'Error', message: String(error?.message ?? error), stack: String(error?.stack ?? '') };
    }
    const tr = document.createElement('tr');
    tr.className = failure ? 'fail' : 'ok';
    for (const text of [failure ? 'FAIL' : 'ok', table + ': ' + rows[index].name, Math.round(performance.now() - started) + ' ms']) {
      tr.appendChild(document.createElement('td')).textContent = text;
    }
    if (failure) tr.children[1].appendChild(document.createElement('div')).textContent = failure.message;
    document.querySelector('#rows').appendChild(tr);
    return failure;
  };
  window.pageReady = { ok: true };
} catch (error) {
  window.pageReady = { ok: false, error: String(error?.stack ?? error) };
}
</script>
`;

let mock;
let site;
let browser;
let page;
const pageProblems = [];

before(async () => {
  if (!existsSync(join(pkgDir, 'tidings_bg.wasm'))) throw new Error('pkg/ is not built: run node scripts/build.mjs first');
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  site = await startStaticServer(root, { routes: { '/__test/faults.html': { body: PAGE } } });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  const config = { entry: browserEntry(), mockUrl: mock.url, closedUrl: await closedLoopbackUrl() };
  await page.goto(`${site.url}/__test/faults.html#${encodeURIComponent(JSON.stringify(config))}`);
  await page.waitForFunction(() => window.pageReady !== undefined, null, { timeout: 60_000 });
  const ready = await page.evaluate(() => window.pageReady);
  if (!ready.ok) throw new Error(`the page could not load the package and the tables: ${ready.error}\n${pageProblems.join('\n')}`);
});

after(async () => {
  if (page) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    console.log(`screenshot: ${relative(root, screenshot)}`);
  }
  await browser?.close();
  await site?.close();
  await mock?.close();
});

/** A node:test test that runs row `index` of `table` in the page. */
function inPage(name, table, index, options = {}) {
  test(name, options, async () => {
    const failure = await page.evaluate(([t, i]) => window.runRow(t, i), [table, index]);
    if (failure) {
      const error = new Error(failure.message);
      error.name = failure.name;
      error.stack = `${failure.name}: ${failure.message}\n    (in Chromium)\n${failure.stack.split('\n').slice(1).join('\n')}`;
      throw error;
    }
  });
}

const rejectedInPage = (row, i) => inPage(
  `Chromium rejected before sending: ${row.name} -> ${row.expect.kind} ${row.expect.field}`, 'rejected', i, row.todo ? { todo: row.todo } : {},
);
const sentInPage = (row, i) => inPage(`Chromium sent as JSON: ${row.name}`, 'sent', i);

faultCases.forEach((row, i) => inPage(`Chromium fault: ${row.name}`, 'fault', i));
badInputRows.forEach((row, i) => !row.lean && rejectedInPage(row, i));
safeIdRows.forEach((row, i) => inPage(`Chromium sent safely: ${row.name}`, 'safe', i));
sentRows.forEach((row, i) => !row.lean && sentInPage(row, i));
wrongTypeRows.forEach((row, i) => inPage(`Chromium wrong JS type: ${row.name} -> ${row.expect.kind}`, 'wrongType', i));
wrongTypeRows.forEach((row, i) => inPage(
  `Chromium wrong JS type: ${row.name} -> names field ${row.field}`, 'wrongTypeField', i, row.fieldTodo ? { todo: row.fieldTodo } : {},
));
// Last: a careless-caller row the package does not handle may leave the page's
// wasm instance unusable, which would fail every row after it.
badInputRows.forEach((row, i) => row.lean && rejectedInPage(row, i));
sentRows.forEach((row, i) => row.lean && sentInPage(row, i));
