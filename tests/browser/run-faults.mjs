// Runs the fault suite (tests/js/faults/cases.mjs) in headless Chromium against
// the built package, exactly as the Node suite does, but in a real browser page:
//
//   node tests/browser/run-faults.mjs [--entry browser.js|tidings.js] [--filter TEXT] [--keep-open]
//
// It starts the mock server in this process, a small static server on 127.0.0.1
// serving pkg/ under /pkg/, tests/js/faults/ under /faults/ and a generated page,
// opens the page in Chromium (playwright-core, the system /usr/bin/chromium),
// prints one line per case, then `browser fault cases tried: N` and `N passed, M failed`,
// saves a screenshot of the results to tests/artifacts/faults-chromium.png, and exits
// non-zero if any case failed (cases marked `todo` are reported, not counted as failed).

import http from 'node:http';
import { readFile, mkdir, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startMockServer } from '../mock/server.mjs';
import { closedLoopbackUrl } from '../js/faults/closed-port.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const PKG_DIR = path.join(root, 'pkg');
const FAULTS_DIR = path.join(root, 'tests', 'js', 'faults');
const ARTIFACTS_DIR = path.join(root, 'tests', 'artifacts');
const SCREENSHOT = path.join(ARTIFACTS_DIR, 'faults-chromium.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 180_000;

const { values: args } = parseArgs({
  options: {
    entry: { type: 'string' },
    filter: { type: 'string' },
    'keep-open': { type: 'boolean', default: false },
  },
});

/** The package's browser entry (package.json "browser"), else the wasm-bindgen glue. */
function browserEntry() {
  if (args.entry) return args.entry;
  try {
    const manifest = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));
    const entry = typeof manifest.browser === 'string' ? manifest.browser.replace(/^\.\//, '') : null;
    if (entry && existsSync(path.join(PKG_DIR, entry))) return entry;
  } catch {
    // fall through
  }
  return 'tidings.js';
}

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

function pageHtml({ entry, mockUrl, closedUrl, filter }) {
  const config = JSON.stringify({ entry, mockUrl, closedUrl, filter: filter ?? null });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tidings fault suite (Chromium)</title>
<style>
  body { font: 13px/1.4 system-ui, sans-serif; margin: 16px; }
  h1 { font-size: 18px; margin: 0 0 4px; }
  #summary { font-weight: bold; margin: 8px 0; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
  td.ms { text-align: right; white-space: nowrap; }
  tr.ok td.status { background: #d4f7d4; }
  tr.fail td.status { background: #f7d4d4; }
  tr.todo td.status { background: #f7f0c8; }
  .detail { color: #666; font-size: 11px; }
</style>
</head>
<body>
<h1>tidings fault suite in Chromium</h1>
<div id="meta"></div>
<div id="summary">running…</div>
<table><thead><tr><th>#</th><th>status</th><th>case</th><th>ms</th></tr></thead><tbody id="rows"></tbody></table>
<script type="module">
const config = ${config};
const rows = document.getElementById('rows');
const summary = document.getElementById('summary');
document.getElementById('meta').textContent =
  'entry /pkg/' + config.entry + ' · mock ' + config.mockUrl + ' · ' + navigator.userAgent;
let n = 0;
function addRow(status, name, ms, detail) {
  n += 1;
  const tr = document.createElement('tr');
  tr.className = status;
  const cells = [String(n), status, name, String(ms)];
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    td.textContent = text;
    if (i === 1) td.className = 'status';
    if (i === 3) td.className = 'ms';
    if (i === 2 && detail) {
      const div = document.createElement('div');
      div.className = 'detail';
      div.textContent = detail;
      td.appendChild(div);
    }
    tr.appendChild(td);
  });
  rows.appendChild(tr);
}
try {
  const pkg = await import('/pkg/' + config.entry);
  if (typeof pkg.init === 'function') await pkg.init();
  else await pkg.default();
  const { runFaultCases } = await import('/faults/cases.mjs');
  const filter = config.filter ? (c) => c.name.includes(config.filter) : undefined;
  const result = await runFaultCases(pkg, config.mockUrl, (line) => console.log('[case] ' + line), {
    closedUrl: config.closedUrl, filter,
  });
  for (const r of result.results) {
    const status = r.todo ? 'todo' : r.ok ? 'ok' : 'fail';
    const detail = r.todo ? 'TODO ' + r.todo + (r.ok ? ' (now passes)' : ' — ' + (r.error?.message ?? r.error))
      : r.ok ? '' : String(r.error?.message ?? r.error);
    addRow(status, r.name, r.ms, detail);
  }
  summary.textContent = result.results.length + ' cases: ' + result.passed + ' passed, ' + result.failed + ' failed'
    + (result.todo ? ', ' + result.todo + ' todo' : '');
  window.__faultResult = {
    passed: result.passed, failed: result.failed, todo: result.todo,
    results: result.results.map((r) => ({
      name: r.name, ok: r.ok, todo: r.todo, ms: r.ms,
      error: r.error ? String(r.error.message ?? r.error) : null,
    })),
  };
} catch (error) {
  summary.textContent = 'the suite could not run: ' + (error?.stack ?? error);
  window.__faultResult = { fatal: String(error?.stack ?? error) };
}
</script>
</body>
</html>
`;
}

async function startStaticServer(html) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (url.pathname === '/' || url.pathname === '/index.html') {
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        res.end(html);
        return;
      }
      const mounts = [['/pkg/', PKG_DIR], ['/faults/', FAULTS_DIR]];
      const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
      if (!mount) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      const [prefix, dir] = mount;
      const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!file.startsWith(dir + path.sep) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

async function main() {
  if (!existsSync(path.join(PKG_DIR, 'tidings_bg.wasm'))) {
    console.error('pkg/tidings_bg.wasm is missing: build the package first (node scripts/build.mjs)');
    return 2;
  }
  const entry = browserEntry();
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  const closedUrl = await closedLoopbackUrl();
  const html = pageHtml({ entry, mockUrl: mock.url, closedUrl, filter: args.filter });
  const site = await startStaticServer(html);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    let lines = 0;
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('[case] ')) {
        lines += 1;
        console.log(text.slice(7));
      } else if (text.startsWith('Failed to load resource')) {
        // Chromium logs every non-2xx answer and refused connection: the faults themselves.
      } else if (message.type() === 'error' || message.type() === 'warning') {
        console.log(`[page ${message.type()}] ${text}`);
      }
    });
    page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
    console.log(`Chromium ${browser.version()}: ${site.url}/ (entry /pkg/${entry}, mock ${mock.url})`);
    await page.goto(`${site.url}/`);
    await page.waitForFunction(() => window.__faultResult !== undefined, null, { timeout: PAGE_TIMEOUT_MS, polling: 200 });
    const result = await page.evaluate(() => window.__faultResult);

    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    if (result.fatal) {
      console.log(`the suite could not run in the page: ${result.fatal}`);
      console.log('browser fault cases tried: 0');
      console.log('0 passed, 1 failed');
      return 1;
    }
    if (lines !== result.results.length) {
      // Console lines can be lost if the page is very busy; print from the result.
      for (const r of result.results) console.log(`${r.todo ? 'todo' : r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.ms} ms)`);
    }
    const todos = result.results.filter((r) => r.todo);
    for (const r of todos) console.log(`todo: ${r.name}: ${r.todo}${r.ok ? ' (now passes)' : ''}`);
    console.log(`screenshot: ${path.relative(root, SCREENSHOT)}`);
    console.log(`browser fault cases tried: ${result.results.length}${todos.length ? ` (${todos.length} todo)` : ''}`);
    console.log(`${result.passed} passed, ${result.failed} failed`);
    if (args['keep-open']) await new Promise(() => {});
    return result.failed === 0 ? 0 : 1;
  } finally {
    await browser?.close();
    await mock.close();
    site.server.closeAllConnections();
    await new Promise((resolve) => site.server.close(resolve));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('browser fault cases tried: 0');
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
