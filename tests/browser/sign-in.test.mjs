// The sign-in statics and the other message routes in headless Chromium,
// through the package's browser entry (browser.js, the wasm loaded on first
// use), against the mock server: a chat widget's visitor flow (sign in
// anonymously, send the first message of a new request, list it), send many,
// CSV, the project's messages page by page and as an async iterable, and the
// Flatchr log-in. What the mock received is checked from Node.
//
//   node --test tests/browser/sign-in.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startMockServer,
  TILEDESK_PROJECT_ID as P,
  TILEDESK_CREDENTIALS,
  TILEDESK_SEED_MESSAGES,
  TILEDESK_EXTRAS_MESSAGES,
  TILEDESK_BULK_SIZE,
  FLATCHR_LOGIN,
  FLATCHR_USER_TOKEN,
} from '../mock/server.mjs';
import { launchBrowser } from './lib/chromium.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOTAL = TILEDESK_SEED_MESSAGES.length + TILEDESK_EXTRAS_MESSAGES.length + TILEDESK_BULK_SIZE;
const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>tidings sign-in</title>';

let mock;
let site;
let browser;
let page;
const problems = [];

before(async () => {
  if (!existsSync(join(root, 'pkg', 'tidings_bg.wasm'))) throw new Error('pkg/ is not built: run node scripts/build.mjs first');
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  site = await startStaticServer(root, { routes: { '/__test/sign-in.html': { body: PAGE } } });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${site.url}/__test/sign-in.html`);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

/** Runs `fn(pkg, args)` in the page, with the browser entry imported (its wasm not loaded by this). */
function inPage(fn, args) {
  return page.evaluate(
    async ([source, input]) => {
      const pkg = await import('/pkg/browser.js');
      const run = new Function(`return (${source})`)();
      try {
        return { value: await run(pkg, input) };
      } catch (error) {
        return { error: { name: error?.name, kind: error?.kind, status: error?.status, field: error?.field, message: String(error?.message ?? error), body: error?.body } };
      }
    },
    [fn.toString(), args],
  );
}

test('the statics exist before the wasm is loaded, and the first call loads it once', async () => {
  const before = site.count('tidings_bg.wasm');
  const { value, error } = await inPage(async ({ TiledeskClient, FlatchrClient }, { baseUrl, projectId }) => {
    const statics = [typeof TiledeskClient.signIn, typeof TiledeskClient.signInAnonymously, typeof FlatchrClient.logIn];
    const session = await TiledeskClient.signInAnonymously({ projectId, firstname: 'Ann', baseUrl });
    return { statics, session };
  }, { baseUrl: `${mock.url}/v3`, projectId: P });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(value.statics, ['function', 'function', 'function']);
  assert.match(value.session.token, /^JWT eyJ/);
  assert.equal(value.session.user.firstname, 'Ann');
  assert.equal(site.count('tidings_bg.wasm') - before, 1, 'the wasm is fetched once');
  const signIn = mock.requests({ pathIncludes: 'signinAnonymously' }).at(-1);
  assert.equal(signIn.method, 'POST');
  assert.equal(signIn.rawPath, '/v3/auth/signinAnonymously');
  assert.deepEqual(JSON.parse(signIn.body), { id_project: P, firstname: 'Ann' });
  assert.equal('authorization' in signIn.headers, false);
  assert.deepEqual(problems, []);
});

test('the visitor flow: sign in anonymously, send the first message of a new request, list it', async () => {
  const requestId = `support-group-chromium-${Date.now()}`;
  const { value, error } = await inPage(async ({ TiledeskClient }, { baseUrl, projectId, requestId }) => {
    const { token, user } = await TiledeskClient.signInAnonymously({ projectId, baseUrl });
    const visitor = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token } });
    const sent = await visitor.sendMessage({ projectId, requestId, message: { text: 'Hello from the widget' } });
    const listed = await visitor.listMessages({ projectId, requestId });
    return { token, user, sent, listed };
  }, { baseUrl: `${mock.url}/v3`, projectId: P, requestId });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.match(value.user.firstname, /^guest#/);
  assert.equal(value.sent.sender, value.user.id);
  assert.deepEqual(value.listed.map((m) => [m.id, m.text]), [[value.sent.id, 'Hello from the widget']]);
  const sent = mock.requests({ pathIncludes: requestId });
  assert.deepEqual(sent.map((r) => [r.method, r.rawPath, r.headers.authorization]), [
    ['POST', `/v3/${P}/requests/${requestId}/messages`, value.token],
    ['GET', `/v3/${P}/requests/${requestId}/messages`, value.token],
  ]);
});

test('sign in, send many, export CSV, list a page, refuse a limit of 51, walk every page', async () => {
  const requestId = `support-group-chromium-many-${Date.now()}`;
  const { email, password } = TILEDESK_CREDENTIALS.andrea;
  const { value, error } = await inPage(async ({ TiledeskClient }, { baseUrl, projectId, requestId, email, password }) => {
    const { token } = await TiledeskClient.signIn({ email, password, baseUrl });
    const owner = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token }, retry: false });
    await owner.sendMessage({ projectId, requestId, message: { text: 'first' } });
    const many = await owner.sendMessages({ projectId, requestId, messages: [{ text: 'second' }, { text: 'third' }] });
    const csv = await owner.exportMessagesCsv({ projectId, requestId });
    const newest = await owner.listProjectMessages({ projectId, limit: 2 });
    const refused = await owner.listProjectMessages({ projectId, limit: 51 }).catch((e) => ({ name: e.name, kind: e.kind, field: e.field }));
    let walked = 0;
    for await (const message of owner.iterateProjectMessages({ projectId })) walked += message.id ? 1 : 0;
    const controller = new AbortController();
    let beforeAbort = 0;
    const aborted = await (async () => {
      for await (const message of owner.iterateProjectMessages({ projectId, pageSize: 5, signal: controller.signal })) {
        beforeAbort += message.id ? 1 : 0;
        if (beforeAbort === 2) controller.abort();
      }
    })().catch((e) => ({ name: e.name, kind: e.kind }));
    return { many: many.map((m) => m.text), csv, newest: newest.map((m) => m.text), refused, walked, beforeAbort, aborted };
  }, { baseUrl: `${mock.url}/v3`, projectId: P, requestId, email, password });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(value.many, ['second', 'third']);
  const lines = value.csv.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.deepEqual(lines.slice(1).map((line) => line.split(';')[6]), ['"first"', '"second"', '"third"']);
  assert.deepEqual(value.newest, ['third', 'second']);
  assert.deepEqual(value.refused, { name: 'TidingsError', kind: 'invalidInput', field: 'limit' });
  assert.equal(value.walked, TOTAL + 3 + 1, 'every message of the project: the fixtures, this test\'s three, the visitor\'s one');
  assert.equal(value.beforeAbort, 2);
  assert.deepEqual(value.aborted, { name: 'TidingsError', kind: 'aborted' });
  assert.equal(mock.requests({ pathIncludes: `${P}/messages` }).filter((r) => r.query.limit === '51').length, 0, 'a limit of 51 is never sent');
});

test('Flatchr log-in, and a sign-in error in the browser', async () => {
  const { value, error } = await inPage(async ({ FlatchrClient, TiledeskClient, isTidingsError }, { mockUrl, login }) => {
    const session = await FlatchrClient.logIn({ ...login, baseUrl: mockUrl });
    const failure = await TiledeskClient.signIn({ email: login.email, password: 'wrong-browser-password', baseUrl: `${mockUrl}/v3` })
      .catch((e) => ({ tidings: isTidingsError(e), instance: e instanceof Error, kind: e.kind, status: e.status, body: e.body, message: e.message }));
    return { session, failure };
  }, { mockUrl: mock.url, login: FLATCHR_LOGIN });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(value.session, { token: FLATCHR_USER_TOKEN });
  assert.equal('authorization' in mock.requests({ pathIncludes: '/user/login' }).at(-1).headers, false);
  assert.equal(value.failure.tidings, true);
  assert.equal(value.failure.instance, true);
  assert.equal(value.failure.kind, 'http');
  assert.equal(value.failure.status, 401);
  assert.deepEqual(value.failure.body, { success: false, msg: 'Authentication failed. User not found.' });
  assert.ok(!value.failure.message.includes('wrong-browser-password'));
});
