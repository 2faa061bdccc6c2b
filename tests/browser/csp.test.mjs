// A page whose Content Security Policy does not allow WebAssembly to compile
// (script-src without 'wasm-unsafe-eval'), in headless Chromium, through the
// package's browser entry: init() and the first call reject with a
// TidingsError of kind `config` naming the fix, its cause the browser's own
// error; the same page with 'wasm-unsafe-eval' lists messages from the mock.
//
//   node --test tests/browser/csp.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServer, TILEDESK_PROJECT_ID, TILEDESK_REQUEST_ID, TILEDESK_JWT } from '../mock/server.mjs';
import { launchBrowser } from './lib/chromium.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A page with `csp`, whose module script (from 'self', no inline code) runs the calls. */
const page = (csp) => `<!doctype html><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,"><title>tidings under a CSP</title>
<script type="module" src="/__test/csp.js"></script>`;

// Runs in the page: init(), then a call, each outcome described as JSON on window.outcome.
const SCRIPT = `
import * as pkg from '/pkg/browser.js';
const describe = (error) => ({
  isClass: error instanceof pkg.TidingsError,
  isTidingsError: pkg.isTidingsError(error),
  name: error?.name, kind: error?.kind, field: error?.field, message: String(error?.message ?? error),
  causeName: error?.cause?.name, causeMessage: String(error?.cause?.message ?? ''),
});
const config = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const outcome = {};
try {
  await pkg.init();
  outcome.init = 'ok';
} catch (error) {
  outcome.init = describe(error);
}
try {
  const client = new pkg.TiledeskClient({ baseUrl: config.baseUrl, auth: { kind: 'jwt', token: config.token } });
  const messages = await client.listMessages({ projectId: config.projectId, requestId: config.requestId });
  outcome.call = { listed: messages.length };
} catch (error) {
  outcome.call = describe(error);
}
window.outcome = outcome;
`;

let mock;
let site;
let browser;

before(async () => {
  if (!existsSync(join(root, 'pkg', 'tidings_bg.wasm'))) throw new Error('pkg/ is not built: run node scripts/build.mjs first');
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  site = await startStaticServer(root, {
    routes: {
      '/__test/csp-strict.html': { body: page("script-src 'self'; object-src 'none'") },
      '/__test/csp-wasm.html': { body: page("script-src 'self' 'wasm-unsafe-eval'; object-src 'none'") },
      '/__test/csp.js': { body: SCRIPT, type: 'text/javascript' },
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

async function outcomeOf(path) {
  const tab = await browser.context.newPage();
  try {
    const config = { baseUrl: `${mock.url}/v3`, token: TILEDESK_JWT, projectId: TILEDESK_PROJECT_ID, requestId: TILEDESK_REQUEST_ID };
    await tab.goto(`${site.url}${path}#${encodeURIComponent(JSON.stringify(config))}`);
    await tab.waitForFunction(() => window.outcome !== undefined, null, { timeout: 15_000 });
    return await tab.evaluate(() => window.outcome);
  } finally {
    await tab.close();
  }
}

test("without 'wasm-unsafe-eval': init() and the first call reject with a config TidingsError naming the fix", async () => {
  const outcome = await outcomeOf('/__test/csp-strict.html');
  for (const what of ['init', 'call']) {
    const error = outcome[what];
    assert.equal(typeof error, 'object', `${what}: ${JSON.stringify(error)}`);
    assert.equal(error.isClass, true, `${what}: not an instance of TidingsError`);
    assert.equal(error.isTidingsError, true);
    assert.equal(error.name, 'TidingsError');
    assert.equal(error.kind, 'config');
    assert.equal(error.field, 'Content-Security-Policy');
    assert.match(error.message, /add 'wasm-unsafe-eval' to the script-src/);
    assert.match(error.message, /"content_security_policy": \{ "extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" \}/);
    // the browser's own refusal, kept as the cause
    assert.equal(error.causeName, 'CompileError', `${what}: cause ${error.causeName}: ${error.causeMessage}`);
    assert.match(error.causeMessage, /Content Security Policy|wasm-eval/);
  }
});

test("with 'wasm-unsafe-eval': the same page lists the messages", async () => {
  const outcome = await outcomeOf('/__test/csp-wasm.html');
  assert.equal(outcome.init, 'ok', JSON.stringify(outcome.init));
  assert.ok(outcome.call.listed > 0, JSON.stringify(outcome.call));
});
