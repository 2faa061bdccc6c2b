// watchMessages in headless Chromium, through the package's browser entry
// (browser.js, the wasm loaded on first use) and the browser's own WebSocket,
// against the mock's HTTP and realtime sides. The page iterates; this process
// drives the mock (sends, drops, silences, refusals) and reads its socket
// count. The page's setTimeout is wrapped so that the timers pkg/watch.js set
// and that neither fired nor were cleared can be counted. No wait is timed:
// every wait is for an event.
//
//   node --test tests/browser/watch.test.mjs

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startMockServer,
  TILEDESK_PROJECT_ID as P,
  TILEDESK_JWT,
  TILEDESK_BULK_REQUEST_ID,
  TILEDESK_BULK_SIZE,
  FLATCHR_COMPANY_ID,
  FLATCHR_APPLICANT_ID,
  FLATCHR_USER_TOKEN,
} from '../mock/server.mjs';
import { TiledeskClient } from '../../pkg/node.mjs';
import { launchBrowser } from './lib/chromium.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>tidings watch</title>';

// Runs in the page before its scripts: counts the pending timers of watch.js.
const TRACK_TIMERS = () => {
  const pending = new Set();
  const set = window.setTimeout;
  const clear = window.clearTimeout;
  window.setTimeout = function setTimeout(fn, ms, ...args) {
    const fromWatch = /\/pkg\/watch\.js/.test(new Error().stack.split('\n')[2] ?? '');
    const timer = set(
      (...a) => {
        pending.delete(timer);
        return fn(...a);
      },
      ms,
      ...args,
    );
    if (fromWatch) pending.add(timer);
    return timer;
  };
  window.clearTimeout = function clearTimeout(timer) {
    pending.delete(timer);
    return clear(timer);
  };
  window.pendingWatchTimers = () => pending.size;
};

let mock;
let site;
let browser;
let page;
let node; // a Node client on the same mock, to send and list
const consoleLines = [];

before(async () => {
  if (!existsSync(join(root, 'pkg', 'tidings_bg.wasm'))) throw new Error('pkg/ is not built: run node scripts/build.mjs first');
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  node = new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: TILEDESK_JWT }, retry: false });
  site = await startStaticServer(root, { routes: { '/__test/watch.html': { body: PAGE } } });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.addInitScript(TRACK_TIMERS);
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  await page.goto(`${site.url}/__test/watch.html`);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

beforeEach(() => mock.reset());

/** Runs `fn(pkg, args)` in the page; `window.watch` keeps an iterator between calls. */
function inPage(fn, args) {
  return page.evaluate(
    async ([source, input]) => {
      const pkg = await import('/pkg/browser.js');
      const run = new Function(`return (${source})`)();
      try {
        return { value: await run(pkg, input) };
      } catch (error) {
        return { error: { name: error?.name, kind: error?.kind, status: error?.status, field: error?.field, message: String(error?.message ?? error), stack: String(error?.stack ?? '') } };
      }
    },
    [fn.toString(), args],
  );
}

/** Starts a watch in the page (kept as window.watch). */
async function startWatch(options, { client = { kind: 'tiledesk' } } = {}) {
  const { error } = await inPage(
    ({ TiledeskClient: T, FlatchrClient: F }, { options: o, client: c, baseUrl, flatchrUrl }) => {
      const made = c.kind === 'tiledesk' ? new T({ baseUrl, auth: { kind: 'jwt', token: c.token }, retry: false }) : new F({ baseUrl: flatchrUrl, token: c.token, retry: false });
      const signal = o.abortable ? (window.controller = new AbortController()).signal : undefined;
      // recordDebug: the watch's debug events, kept as window.debugEvents.
      const debug = o.recordDebug ? (event) => window.debugEvents.push(event) : undefined;
      window.debugEvents = [];
      delete o.abortable;
      delete o.recordDebug;
      window.watch = made.watchMessages({ ...o, ...(signal ? { signal } : {}), ...(debug ? { debug } : {}) });
      return true;
    },
    { options, client: { token: TILEDESK_JWT, ...client }, baseUrl: `${mock.url}/v3`, flatchrUrl: mock.url },
  );
  assert.equal(error, undefined, JSON.stringify(error));
}

/** The next `n` messages of the page's watch, or the error that ended it. */
async function take(n) {
  const { value, error } = await inPage(async (_, count) => {
    const taken = [];
    while (taken.length < count) {
      const { value: v, done } = await window.watch.next();
      if (done) throw new Error('the iteration ended early');
      taken.push(v);
    }
    return taken;
  }, n);
  assert.equal(error, undefined, JSON.stringify(error));
  return value;
}

/** Ends the page's watch with return() (what `break` does). */
async function stopWatch() {
  const { error } = await inPage(() => window.watch.return());
  assert.equal(error, undefined, JSON.stringify(error));
}

async function until(condition, what) {
  for (let turn = 0; !(await condition()); turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    if (turn > 5_000_000) assert.fail(`never happened: ${what}`);
  }
}

async function assertNothingLeft() {
  await until(() => mock.realtime.openSockets() === 0, 'every socket closed');
  assert.equal(await page.evaluate(() => window.pendingWatchTimers()), 0, 'timers of watch.js still pending in the page');
}

// Heartbeats are short only where a test is about them (SILENT): elsewhere a
// slow machine could take a late pong for a dead connection (harmless, but it
// would reconnect in the middle of what a test checks).
const FAST = { pollIntervalMs: 10, heartbeatIntervalMs: 1_000, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } };
const SILENT = { heartbeatIntervalMs: 40 };
let counter = 0;
const freshRequestId = (label) => `support-group-chromium-${label}-${process.pid}-${++counter}`;
const send = (requestId, text) => node.sendMessage({ projectId: P, requestId, message: { text } });
const list = (requestId) => node.listMessages({ projectId: P, requestId });

test("Chromium: the watch's debug events across a drop (the browser's close code), never the URL or token", async () => {
  const requestId = freshRequestId('debug');
  await send(requestId, 'first');
  await startWatch({ projectId: P, requestId, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 4, attempts: 1000 }, recordDebug: true });
  await take(1);
  const events = () => page.evaluate(() => window.debugEvents);
  const steps = async () => (await events()).map((e) => (e.type === 'socket' ? e.state : e.type));
  await until(async () => (await steps()).includes('subscribed'), 'subscribed');
  mock.realtime.drop();
  await until(async () => (await steps()).filter((s) => s === 'subscribed').length === 2, 'subscribed again');
  assert.deepEqual(await steps(), ['connecting', 'open', 'subscribed', 'closed', 'reconnect', 'connecting', 'open', 'subscribed']);
  const all = await events();
  // A connection cut without a close frame: the browser reports 1006.
  assert.equal(all.find((e) => e.state === 'closed').code, 1006);
  const text = JSON.stringify(all);
  assert.ok(!text.includes(TILEDESK_JWT.split('.')[1]) && !/wss?:\/\/|token/i.test(text), text);
  await stopWatch();
  await assertNothingLeft();
});

test('Chromium: history then live messages over the browser\'s WebSocket, each as listMessages decodes it', async () => {
  const requestId = freshRequestId('live');
  await send(requestId, 'first');
  await startWatch({ projectId: P, requestId, ...FAST });
  const [first] = await take(1);
  assert.deepEqual(first, (await list(requestId))[0]);
  await until(() => mock.realtime.frames().some((f) => f.action === 'subscribe'), 'the subscription');
  const sent = await send(requestId, 'second');
  const [live] = await take(1);
  assert.equal(live.id, sent.id);
  assert.deepEqual(live, (await list(requestId))[1]);
  assert.equal(mock.realtime.openSockets(), 1);
  await stopWatch();
  await assertNothingLeft();
});

test('Chromium: a message sent while disconnected arrives exactly once after the reconnect, beyond the 300-message history', async () => {
  const requestId = TILEDESK_BULK_REQUEST_ID;
  await startWatch({ projectId: P, requestId, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 4, attempts: 1000 } });
  const history = await take(TILEDESK_BULK_SIZE);
  // Cut the connection and keep it down until a message is sent and a reconnect refused.
  mock.realtime.refuseUpgrades(Infinity);
  const upgrades = mock.realtime.upgrades();
  mock.realtime.drop();
  const missed = await send(requestId, 'sent while disconnected');
  await until(() => mock.realtime.upgrades() > upgrades, 'a refused reconnect');
  assert.equal(mock.realtime.openSockets(), 0);
  mock.realtime.refuseUpgrades(0);
  const [filled] = await take(1);
  assert.equal(filled.id, missed.id);
  await until(() => mock.realtime.openSockets() === 1, 'reconnected');
  const live = await send(requestId, 'after the reconnect');
  const [next] = await take(1);
  assert.equal(next.id, live.id);
  const ids = [...history, filled, next].map((m) => m.id);
  assert.deepEqual(ids, (await list(requestId)).map((m) => m.id));
  await stopWatch();
  await assertNothingLeft();
});

test('Chromium: a silent connection is found dead by the heartbeat and replaced, nothing lost', async () => {
  const requestId = freshRequestId('silent');
  await send(requestId, 'hello');
  await startWatch({ projectId: P, requestId, ...FAST, ...SILENT });
  await take(1);
  await until(() => mock.realtime.frames().some((f) => f.action === 'heartbeat'), 'a ping');
  mock.realtime.silence();
  const missed = await send(requestId, 'sent to a dead connection');
  const [filled] = await take(1);
  assert.equal(filled.id, missed.id);
  await stopWatch();
  await assertNothingLeft();
});

test('Chromium: an aborted signal ends a waiting iteration with kind aborted, and leaves nothing', async () => {
  const requestId = freshRequestId('abort');
  await send(requestId, 'hello');
  await startWatch({ projectId: P, requestId, ...FAST, abortable: true });
  await take(1);
  await until(() => mock.realtime.openSockets() === 1, 'connected');
  const { value, error } = await inPage(async () => {
    const waiting = window.watch.next();
    window.controller.abort();
    try {
      await waiting;
      return 'resolved';
    } catch (e) {
      return { kind: e.kind, name: e.name, after: await window.watch.next() };
    }
  });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.deepEqual(value, { kind: 'aborted', name: 'TidingsError', after: { done: true, value: undefined } });
  await assertNothingLeft();
});

test('Chromium: polling, forced and after refused upgrades (a browser only sees the close)', async () => {
  for (const [options, refuse] of [[{ transport: 'polling' }, false], [{ reconnect: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 } }, true]]) {
    mock.reset();
    if (refuse) mock.realtime.refuseUpgrades(Infinity);
    const requestId = freshRequestId('poll');
    await send(requestId, 'a');
    await startWatch({ projectId: P, requestId, ...FAST, ...options });
    const [first] = await take(1);
    assert.equal(first.text, 'a');
    const b = await send(requestId, 'b');
    const [next] = await take(1);
    assert.equal(next.id, b.id);
    assert.equal(mock.realtime.upgrades(), refuse ? 2 : 0);
    await stopWatch();
    await assertNothingLeft();
  }
});

test('Chromium: a refused token (401) ends the iteration with a TidingsError; the token is in no error, and in no console line but the browser\'s own', async () => {
  const bad = 'eyJhbGciOiJIUzI1NiJ9.bm90LWEtdmFsaWQtdXNlcg.YmFkLXNpZ25hdHVyZQ';
  consoleLines.length = 0;
  await startWatch({ projectId: P, requestId: 'support-group-x', ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 } }, { client: { kind: 'tiledesk', token: bad } });
  const { value, error } = await inPage(async () => {
    try {
      await window.watch.next();
      return 'resolved';
    } catch (e) {
      return { kind: e.kind, status: e.status, name: e.name, text: `${e.message}\n${e.stack}\n${JSON.stringify(e)}` };
    }
  });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.equal(value.kind, 'http');
  assert.equal(value.status, 401);
  assert.equal(value.name, 'TidingsError');
  assert.ok(mock.realtime.upgrades() >= 2, 'the socket was tried first');
  // Chromium itself reports each failed socket in the console with its URL,
  // whose query holds the token (the only place Tiledesk reads it from):
  // no page code can prevent that. Nothing else may show it.
  const browsers = /^WebSocket connection to '[^']*' failed/;
  assert.ok(consoleLines.some((line) => browsers.test(line)), 'Chromium reported the refused sockets');
  for (const secret of [bad, ...bad.split('.')]) {
    assert.ok(!value.text.includes(secret), `the error shows the token: ${value.text}`);
    for (const line of consoleLines.filter((l) => !browsers.test(l))) assert.ok(!line.includes(secret), `a console line shows the token: ${line}`);
  }
  await assertNothingLeft();
});

test('Chromium: FlatchrClient.watchMessages polls, history then new messages once', async () => {
  const { heartbeatIntervalMs: _, ...fast } = FAST;
  const ids = { companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID };
  await startWatch({ ...ids, ...fast }, { client: { kind: 'flatchr', token: FLATCHR_USER_TOKEN } });
  const { value: existing } = await inPage(async ({ FlatchrClient: F }, { flatchrUrl, token, ids: i }) => new F({ baseUrl: flatchrUrl, token }).listMessages(i), { flatchrUrl: mock.url, token: FLATCHR_USER_TOKEN, ids });
  const history = await take(existing.length);
  assert.deepEqual(history, existing);
  const { value: sent } = await inPage(async ({ FlatchrClient: F }, { flatchrUrl, token, ids: i }) => new F({ baseUrl: flatchrUrl, token }).sendMessage({ ...i, message: { html: '<p>Monday?</p>' } }), { flatchrUrl: mock.url, token: FLATCHR_USER_TOKEN, ids });
  const [next] = await take(1);
  assert.equal(next.id, sent.id);
  await stopWatch();
  await assertNothingLeft();
});
