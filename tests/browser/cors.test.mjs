// In a browser, tidings adds no request header that would need a CORS preflight
// the servers may refuse. Every call of both clients runs in headless Chromium,
// from a page on one 127.0.0.1 origin, against a strict-CORS front for each
// provider on another: a small proxy in front of the mock that answers a
// preflight only when it asks for nothing beyond what a server taking a token
// must allow (methods GET and POST; headers `authorization` and
// `content-type`), names the page's origin instead of `*`, and refuses (403,
// no CORS headers, so the browser blocks the call) any other preflight.
//
// Checked: every call succeeds through the strict fronts; every preflight
// Chromium sent asked only for those headers; the fronts refuse a request
// with one more header (so they are strict enough to catch one).
//
//   node --test tests/browser/cors.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fixtures from '../mock/server.mjs';
import { launchBrowser, watchPage } from './lib/chromium.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = join(root, 'pkg');

const ALLOWED_HEADERS = ['authorization', 'content-type'];
const ALLOWED_METHODS = ['GET', 'POST'];

/** A strict-CORS front for `target` (the mock): resolves to { url, preflights, refused, close() }. */
async function startStrictFront(target) {
  const preflights = [];
  const refused = [];
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      const method = req.headers['access-control-request-method'] ?? '';
      const asked = (req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      preflights.push({ path: req.url, method, headers: asked });
      const ok = origin && ALLOWED_METHODS.includes(method) && asked.every((h) => ALLOWED_HEADERS.includes(h));
      if (!ok) {
        refused.push({ path: req.url, method, headers: asked });
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('preflight refused');
        return;
      }
      res.writeHead(204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': ALLOWED_METHODS.join(', '),
        'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
        vary: 'Origin',
      });
      res.end();
      return;
    }
    const { host, ...headers } = req.headers;
    const upstream = http.request(new URL(req.url, target), { method: req.method, headers }, (answer) => {
      const kept = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !name.startsWith('access-control-')));
      res.writeHead(answer.statusCode, {
        ...kept,
        ...(origin ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'retry-after', vary: 'Origin' } : {}),
      });
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    preflights,
    refused,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let mock;
let tiledeskFront;
let flatchrFront;
let pages;
let browser;

before(async () => {
  assert.ok(existsSync(join(pkgDir, 'browser.js')), 'pkg/ is not built: run node scripts/build.mjs');
  mock = await fixtures.startMockServer();
  tiledeskFront = await startStrictFront(mock.url);
  flatchrFront = await startStrictFront(mock.url);
  pages = await startStaticServer(root, {
    routes: { '/__test/cors.html': { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>CORS</title>' } },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await tiledeskFront?.close();
  await flatchrFront?.close();
  await mock?.close();
});

/** Runs `calls` (a function of (tidings, settings) evaluated in the page) and returns its results. */
async function inPage(calls) {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${pages.url}/__test/cors.html`);
  const settings = {
    tiledesk: `${tiledeskFront.url}/v3`,
    flatchr: flatchrFront.url,
    jwt: fixtures.TILEDESK_JWT,
    projectId: fixtures.TILEDESK_PROJECT_ID,
    requestId: fixtures.TILEDESK_REQUEST_ID,
    messageId: fixtures.TILEDESK_SEED_MESSAGES[0]._id,
    agent: fixtures.TILEDESK_CREDENTIALS.andrea,
    recipient: fixtures.TILEDESK_USERS[0]._id,
    flatchrKey: fixtures.FLATCHR_API_KEY,
    flatchrLogin: fixtures.FLATCHR_LOGIN,
    companyId: fixtures.FLATCHR_COMPANY_ID,
    applicantId: fixtures.FLATCHR_APPLICANT_ID,
  };
  const results = await page.evaluate(
    async ([source, s]) => {
      const tidings = await import('/pkg/browser.js');
      const calls = (0, eval)(`(${source})`)(tidings, s);
      const out = {};
      for (const [name, call] of Object.entries(calls)) {
        try {
          const value = await call();
          out[name] = { ok: true, value: typeof value === 'string' ? value.slice(0, 40) : Array.isArray(value) ? `${value.length} item(s)` : typeof value };
        } catch (error) {
          out[name] = { ok: false, error: `${error?.kind ?? error?.name}: ${error?.message}` };
        }
      }
      return out;
    },
    [calls.toString(), settings],
  );
  await page.close();
  return { results, problems };
}

test('every call of both clients goes through strict-CORS fronts: each preflight asks only for authorization and content-type', async () => {
  const { results, problems } = await inPage((tidings, s) => {
    const { TiledeskClient, FlatchrClient } = tidings;
    const ids = { projectId: s.projectId, requestId: s.requestId };
    const jwt = new TiledeskClient({ baseUrl: s.tiledesk, auth: { kind: 'jwt', token: s.jwt }, retry: false });
    const basic = new TiledeskClient({ baseUrl: s.tiledesk, auth: { kind: 'basic', email: s.agent.email, password: s.agent.password }, retry: false });
    const debugged = new TiledeskClient({ baseUrl: s.tiledesk, auth: { kind: 'jwt', token: s.jwt }, retry: false, debug: () => {} });
    const flatchr = new FlatchrClient({ baseUrl: s.flatchr, token: s.flatchrKey, retry: false });
    return {
      'Tiledesk signIn': () => TiledeskClient.signIn({ baseUrl: s.tiledesk, email: s.agent.email, password: s.agent.password }),
      'Tiledesk signInAnonymously': () => TiledeskClient.signInAnonymously({ baseUrl: s.tiledesk, projectId: s.projectId, firstname: 'Ann' }),
      'Tiledesk listMessages (jwt)': () => jwt.listMessages(ids),
      'Tiledesk listMessages (basic)': () => basic.listMessages(ids),
      'Tiledesk listMessages (debug)': () => debugged.listMessages(ids),
      'Tiledesk getMessage': () => jwt.getMessage({ ...ids, messageId: s.messageId }),
      'Tiledesk sendMessage': () => jwt.sendMessage({ ...ids, message: { text: 'CORS check' } }),
      'Tiledesk sendMessages': () => jwt.sendMessages({ ...ids, messages: [{ text: 'one' }, { text: 'two' }] }),
      'Tiledesk exportMessagesCsv': () => jwt.exportMessagesCsv(ids),
      'Tiledesk listProjectMessages': () => jwt.listProjectMessages({ projectId: s.projectId, limit: 5 }),
      'Tiledesk sendDirectMessage': () => jwt.sendDirectMessage({ projectId: s.projectId, message: { recipient: s.recipient, recipientFullname: 'Andrea Leo', text: 'hi' } }),
      'Flatchr logIn': () => FlatchrClient.logIn({ baseUrl: s.flatchr, ...s.flatchrLogin }),
      'Flatchr listMessages': () => flatchr.listMessages({ companyId: s.companyId, applicantId: s.applicantId, fields: ['author', 'mail'] }),
      'Flatchr sendMessage': async () => {
        const { token } = await FlatchrClient.logIn({ baseUrl: s.flatchr, ...s.flatchrLogin });
        const asUser = new FlatchrClient({ baseUrl: s.flatchr, token, retry: false });
        return asUser.sendMessage({ companyId: s.companyId, applicantId: s.applicantId, message: { html: '<p>CORS</p>', subject: 'check' } });
      },
    };
  });
  const failed = Object.entries(results).filter(([, r]) => !r.ok);
  assert.deepEqual(failed, [], `calls failed through the strict fronts; refused preflights: ${JSON.stringify([...tiledeskFront.refused, ...flatchrFront.refused])}`);
  assert.deepEqual(problems, []);
  for (const [name, front] of [['Tiledesk', tiledeskFront], ['Flatchr', flatchrFront]]) {
    assert.ok(front.preflights.length > 0, `Chromium sent no preflight to the ${name} front (the calls carry authorization or JSON: it must)`);
    const beyond = front.preflights.filter((p) => p.headers.some((h) => !ALLOWED_HEADERS.includes(h)));
    assert.deepEqual(beyond, [], `${name}: a preflight asked for more than ${ALLOWED_HEADERS.join(', ')}`);
    assert.deepEqual(front.refused, []);
  }
  const asked = new Set([...tiledeskFront.preflights, ...flatchrFront.preflights].flatMap((p) => p.headers));
  assert.deepEqual([...asked].sort(), ['authorization', 'content-type'], 'the calls together asked for both headers (a token, a JSON body)');
});

test('the strict fronts refuse a request with one more header (the check above can fail)', async () => {
  const before = tiledeskFront.refused.length;
  const { results } = await inPage((tidings, s) => ({
    'one more header': () =>
      new tidings.TiledeskClient({
        baseUrl: s.tiledesk,
        auth: { kind: 'jwt', token: s.jwt },
        retry: false,
        // a custom fetch that adds what tidings must not: the same request with an x-debug header
        fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, 'x-debug': '1' } }),
      }).listMessages({ projectId: s.projectId, requestId: s.requestId }),
  }));
  assert.equal(results['one more header'].ok, false, 'the call with an x-debug header went through');
  assert.match(results['one more header'].error, /^network: /);
  assert.equal(tiledeskFront.refused.length, before + 1);
  assert.deepEqual(tiledeskFront.refused.at(-1).headers, ['authorization', 'x-debug']);
});
