// watchMessages (built package, Node ESM entry) against the mock's HTTP and
// realtime sides. Node 18 and 20 have no global WebSocket: the ws package's
// class is passed in the options, as the README documents; Node 22's own is
// tested where it exists (npm test runs this file on Node 18, 20, 22 and 24).
// Nothing here waits for a time: every wait is for an event (a message, the
// mock's socket count).

import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import {
  startMock,
  tiledeskClient,
  flatchrClient,
  assertTidingsError,
  assertNoSecret,
  dumpError,
  TILEDESK_PROJECT_ID as P,
  TILEDESK_REQUEST_ID as R,
  TILEDESK_BULK_REQUEST_ID,
  TILEDESK_BULK_SIZE,
  TILEDESK_JWT,
  FLATCHR_COMPANY_ID,
  FLATCHR_APPLICANT_ID,
  FLATCHR_USER_TOKEN,
} from './helpers.mjs';

/** Short intervals, so that reconnects and polls happen at once. */
// Heartbeats are short only where a test is about them (SILENT): elsewhere a
// slow machine could take a late pong for a dead connection (harmless, but it
// would reconnect in the middle of what a test checks).
const FAST = { pollIntervalMs: 10, heartbeatIntervalMs: 1_000, reconnect: { baseDelayMs: 5, maxDelayMs: 20 } };
const SILENT = { heartbeatIntervalMs: 40 };
const { heartbeatIntervalMs: _, ...FLATCHR_FAST } = FAST;

let mock;
let client;
before(async () => {
  mock = await startMock();
  client = tiledeskClient(mock);
});
after(() => mock?.close());
beforeEach(() => mock.reset());

let counter = 0;
const freshRequestId = (label) => `support-group-watch-${label}-${process.pid}-${++counter}`;

// --- What the driver leaves behind ------------------------------------------

/**
 * The timers that the watch driver (pkg/watch.js, bundled into node.mjs and
 * node.cjs) set and that neither fired nor were cleared: setTimeout is
 * wrapped for the whole file and each timer is attributed to its caller by
 * stack (the driver sets every timer in its `later`). `attributed` counts
 * them, so that a test can check the attribution still finds them.
 */
const pending = new Map();
let attributed = 0;
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
globalThis.setTimeout = function setTimeout(fn, ms, ...args) {
  // The caller's frame: the third line of the stack (after "Error" and this function).
  const fromWatch = /\bat later \(.*pkg[\\/](?:watch\.c?js|node\.[cm]js):/.test(new Error().stack.split('\n')[2] ?? '');
  let timer;
  const run = (...a) => {
    pending.delete(timer);
    return fn(...a);
  };
  timer = realSetTimeout(run, ms, ...args);
  if (fromWatch) {
    pending.set(timer, true);
    attributed += 1;
  }
  return timer;
};
globalThis.clearTimeout = function clearTimeout(timer) {
  pending.delete(timer);
  return realClearTimeout(timer);
};

/** Resolves once `condition()` holds, checking after each turn of the event loop. */
async function until(condition, what) {
  for (let turn = 0; !condition(); turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    if (turn > 5_000_000) assert.fail(`never happened: ${what}`);
  }
}

/** The iteration ended: no socket open at the mock, no timer of the driver pending. */
async function assertNothingLeft() {
  await until(() => mock.realtime.openSockets() === 0, 'every socket closed');
  assert.equal(pending.size, 0, 'timers of the watch driver still pending');
}

const send = (requestId, text) => client.sendMessage({ projectId: P, requestId, message: { text } });
const list = (requestId) => client.listMessages({ projectId: P, requestId });

/** A message sent now arrives on `watch` (it still works); then the watch ends, leaving nothing. */
async function arrivesThenEnds(watch, requestId) {
  const sent = await send(requestId, 'still watched');
  assert.equal((await take(watch, 1))[0].id, sent.id);
  await watch.return();
  await assertNothingLeft();
}

/** Runs `fn` with no global WebSocket (Node 22 and later have one), as in Node 18 and 20 or a runtime without sockets. */
async function withoutGlobalWebSocket(fn) {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
  delete globalThis.WebSocket;
  try {
    assert.equal(typeof globalThis.WebSocket, 'undefined');
    return await fn();
  } finally {
    if (own) Object.defineProperty(globalThis, 'WebSocket', own);
  }
}

/** Takes `n` messages from an iterator. */
async function take(iterator, n) {
  const taken = [];
  while (taken.length < n) {
    const { value, done } = await iterator.next();
    assert.equal(done, false, 'the iteration ended early');
    taken.push(value);
  }
  return taken;
}

// --- Realtime -----------------------------------------------------------------

describe('watchMessages over the realtime socket', () => {
  const ownWebSocket = typeof globalThis.WebSocket === 'function';
  test("the runtime's own WebSocket (Node 22+) serves when none is passed: history, live messages, a dropped socket replaced, nothing left", { skip: !ownWebSocket && 'this Node has no global WebSocket (Node 22 and later have)' }, async () => {
    const requestId = freshRequestId('global');
    await send(requestId, 'first');
    const watch = client.watchMessages({ projectId: P, requestId, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 4, attempts: 1000 } });
    const [first] = await take(watch, 1);
    assert.deepEqual([first], await list(requestId));
    await until(() => mock.realtime.frames().some((f) => f.action === 'subscribe'), 'the subscription');
    assert.equal(mock.realtime.openSockets(), 1);
    const live = await send(requestId, 'live');
    assert.equal((await take(watch, 1))[0].id, live.id);
    // The server drops the socket: a new one is opened, and a message sent meanwhile arrives once.
    const upgrades = mock.realtime.upgrades();
    mock.realtime.drop();
    const meanwhile = await send(requestId, 'while reconnecting');
    const [filled] = await take(watch, 1);
    assert.equal(filled.id, meanwhile.id);
    await until(() => mock.realtime.upgrades() > upgrades && mock.realtime.openSockets() === 1, 'a new socket');
    const after = await send(requestId, 'after');
    assert.equal((await take(watch, 1))[0].id, after.id);
    await watch.return();
    await assertNothingLeft();
  });

  test('history then live messages, each exactly as listMessages decodes it', async () => {
    const requestId = freshRequestId('live');
    await send(requestId, 'first');
    await send(requestId, 'second');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST });
    const history = await take(watch, 2);
    assert.deepEqual(history, await list(requestId));
    await until(() => mock.realtime.frames().some((f) => f.action === 'subscribe'), 'the subscription');
    const sent = await send(requestId, 'third');
    const [live] = await take(watch, 1);
    assert.equal(live.id, sent.id);
    assert.equal(live.text, 'third');
    // The publish decodes to exactly the object listMessages gives.
    assert.deepEqual(live, (await list(requestId)).at(-1));
    assert.deepEqual(mock.realtime.frames().find((f) => f.action === 'subscribe'), {
      action: 'subscribe',
      payload: { topic: `/${P}/requests/${requestId}/messages` },
    });
    await watch.return();
    await assertNothingLeft();
  });

  test('history: false yields only the messages sent after the start', async () => {
    const requestId = freshRequestId('nohistory');
    await send(requestId, 'old');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, history: false, ...FAST });
    const next = watch.next();
    // The first list only marks the old message as seen: send the new one once that list was asked for.
    await until(() => mock.requests({ pathIncludes: requestId }).filter((r) => r.method === 'GET').length >= 1, 'the first list');
    await send(requestId, 'new');
    const { value } = await next;
    assert.equal(value.text, 'new');
    await watch.return();
    await assertNothingLeft();
  });

  test('live messages that arrive while the list is in flight are held, and come after it, in order', async () => {
    const requestId = freshRequestId('held');
    await send(requestId, 'a');
    await send(requestId, 'b');
    // A fetch that answers the list only when released (its answer is fetched at once).
    let release;
    const released = new Promise((resolve) => (release = resolve));
    let listsAsked = 0;
    const gated = async (input, init) => {
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') === 'GET') {
        listsAsked += 1;
        await released;
      }
      return response;
    };
    const watcher = tiledeskClient(mock, { fetch: gated });
    const watch = watcher.watchMessages({ projectId: P, requestId, WebSocket, ...FAST, heartbeatIntervalMs: 60_000 });
    const first = watch.next();
    await until(() => listsAsked === 1, 'the list answered, and held');
    const live = await send(requestId, 'sent while the list is held');
    // The socket delivers in order: once the client answered a ping sent after
    // the publish, it has handled the publish (while the list was held).
    const pongs = () => mock.realtime.frames().filter((f) => f.payload?.message?.text === 'pong').length;
    mock.realtime.sendRaw(JSON.stringify({ action: 'heartbeat', payload: { message: { text: 'ping' } } }));
    await until(() => pongs() === 1, 'the pong');
    assert.equal(listsAsked, 1);
    release();
    const rest = await take(watch, 2);
    const got = [(await first).value, ...rest].map((m) => m.text);
    assert.deepEqual(got, ['a', 'b', 'sent while the list is held']);
    assert.equal(rest[1].id, live.id);
    await watch.return();
    await assertNothingLeft();
  });

  test('a message sent while disconnected arrives exactly once after the reconnect, beyond the 300-message history', async () => {
    const requestId = TILEDESK_BULK_REQUEST_ID;
    // Enough attempts that the socket is never given up for polling here.
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 4, attempts: 1000 } });
    const history = await take(watch, TILEDESK_BULK_SIZE);
    assert.deepEqual(history.map((m) => m.id), (await list(requestId)).map((m) => m.id));
    // Cut the connection and keep it down until a message is sent and a reconnect refused.
    mock.realtime.refuseUpgrades(Infinity);
    const upgrades = mock.realtime.upgrades();
    mock.realtime.drop();
    const missed = await send(requestId, 'sent while disconnected');
    await until(() => mock.realtime.upgrades() > upgrades, 'a refused reconnect');
    assert.equal(mock.realtime.openSockets(), 0);
    mock.realtime.refuseUpgrades(0);
    const [filled] = await take(watch, 1);
    assert.equal(filled.id, missed.id);
    // Over a new socket, not by polling: the next message comes live, once.
    await until(() => mock.realtime.openSockets() === 1, 'reconnected');
    const live = await send(requestId, 'after the reconnect');
    const [next] = await take(watch, 1);
    assert.equal(next.id, live.id);
    const ids = [...history, filled, next].map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, (await list(requestId)).map((m) => m.id));
    await watch.return();
    await assertNothingLeft();
  });

  test('a connection that goes silent (no pong) is found dead by the heartbeat and replaced, nothing lost', async () => {
    const requestId = freshRequestId('silent');
    await send(requestId, 'hello');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST, ...SILENT });
    await take(watch, 1);
    await until(() => mock.realtime.frames().some((f) => f.action === 'heartbeat'), 'a ping');
    const connections = mock.realtime.upgrades();
    mock.realtime.silence();
    const missed = await send(requestId, 'sent to a dead connection');
    const [filled] = await take(watch, 1);
    assert.equal(filled.id, missed.id);
    assert.ok(mock.realtime.upgrades() > connections, 'a new connection was opened');
    await watch.return();
    // The silent connection was closed by the client too.
    await assertNothingLeft();
  });

  test('every message arrives exactly once and in order across 30 rounds of drops, silences and refused upgrades', async () => {
    const requestId = freshRequestId('chaos');
    await send(requestId, 'start');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST, ...SILENT, reconnect: { baseDelayMs: 1, maxDelayMs: 8, attempts: 1000 } });
    const collected = [];
    const consuming = (async () => {
      for await (const message of watch) {
        collected.push(message);
        if (message.text === 'end') break;
      }
    })();
    // A fixed sequence (a linear congruential generator), so every run does the same faults.
    let seed = 17;
    const next = (n) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const sent = [];
    for (let round = 0; round < 30; round += 1) {
      const fault = next(4);
      if (fault === 0) mock.realtime.drop();
      else if (fault === 1) mock.realtime.silence();
      else if (fault === 2) {
        mock.realtime.refuseUpgrades(1 + next(2));
        mock.realtime.drop();
      }
      for (let i = next(3); i >= 0; i -= 1) sent.push((await send(requestId, `round ${round} #${i}`)).id);
      const last = sent.at(-1);
      await until(() => collected.some((m) => m.id === last), `the last message of round ${round}`);
    }
    await send(requestId, 'end');
    await consuming;
    const ids = collected.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'a message came twice');
    assert.deepEqual(ids, (await list(requestId)).map((m) => m.id), 'every message, in order');
    assert.ok(mock.realtime.upgrades() > 10, `reconnected many times (${mock.realtime.upgrades()})`);
    await assertNothingLeft();
  });

  test('the server\'s ping is answered with a pong, and the client pings', async () => {
    const heartbeatMock = await (await import('../mock/server.mjs')).startMockServer({ realtime: { heartbeatMs: 5 } });
    try {
      const c = tiledeskClient(heartbeatMock);
      const watch = c.watchMessages({ projectId: P, requestId: R, WebSocket, heartbeatIntervalMs: 3 });
      await take(watch, 2);
      const texts = () => heartbeatMock.realtime.frames().filter((f) => f.action === 'heartbeat').map((f) => f.payload.message.text);
      await until(() => texts().includes('pong') && texts().includes('ping'), 'a pong and a ping from the client');
      await watch.return();
      await until(() => heartbeatMock.realtime.openSockets() === 0, 'closed');
      assert.equal(pending.size, 0);
    } finally {
      await heartbeatMock.close();
    }
  });

  test('frames that are not JSON, other topics, and a publish that does not decode never break the watch', async () => {
    const requestId = freshRequestId('garbage');
    await send(requestId, 'hello');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST });
    await take(watch, 1);
    await until(() => mock.realtime.frames().some((f) => f.action === 'subscribe'), 'the subscription');
    const lists = () => mock.requests({ pathIncludes: requestId }).filter((r) => r.method === 'GET').length;
    await until(() => lists() >= 1, 'the first list');
    const topic = `/${P}/requests/${requestId}/messages`;
    const before = lists();
    mock.realtime.sendRaw('not json');
    mock.realtime.sendRaw('[[[[');
    mock.realtime.sendRaw(JSON.stringify({ action: 'publish', payload: { topic: '/other/requests/x/messages', method: 'CREATE', message: { _id: 'x' } } }));
    mock.realtime.sendRaw(JSON.stringify({ action: 'publish', payload: { topic, method: 'CREATE', message: { _id: { not: 'an id' } } } }));
    // The publish that does not decode is filled in by a list.
    await until(() => lists() > before, 'a list after the undecodable publish');
    const sent = await send(requestId, 'still live');
    const [next] = await take(watch, 1);
    assert.equal(next.id, sent.id);
    await watch.return();
    await assertNothingLeft();
  });
});

// --- Ending -------------------------------------------------------------------

describe('ending a watch', () => {
  test('break in for await closes the socket and stops every timer', async () => {
    const requestId = freshRequestId('break');
    await send(requestId, 'one');
    for await (const message of client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST })) {
      assert.equal(message.text, 'one');
      await until(() => mock.realtime.openSockets() === 1, 'connected');
      break;
    }
    await assertNothingLeft();
  });

  test('an aborted signal ends a waiting iteration with kind aborted, and leaves nothing', async () => {
    const requestId = freshRequestId('abort');
    await send(requestId, 'one');
    const controller = new AbortController();
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, signal: controller.signal, ...FAST });
    await take(watch, 1);
    const waiting = watch.next();
    await until(() => mock.realtime.openSockets() === 1, 'connected');
    controller.abort();
    let error;
    try {
      await waiting;
    } catch (caught) {
      error = caught;
    }
    assertTidingsError(error, { kind: 'aborted' });
    assert.deepEqual(await watch.next(), { value: undefined, done: true });
    await assertNothingLeft();
  });

  test('a signal aborted before the start sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = mock.requests().length;
    const upgrades = mock.realtime.upgrades();
    let error;
    try {
      await client.watchMessages({ projectId: P, requestId: R, WebSocket, signal: controller.signal }).next();
    } catch (caught) {
      error = caught;
    }
    assertTidingsError(error, { kind: 'aborted' });
    assert.equal(mock.requests().length, before);
    assert.equal(mock.realtime.upgrades(), upgrades);
    assert.equal(pending.size, 0);
  });

  test('break while polling stops the poll timer and the list in flight', async () => {
    const requestId = freshRequestId('breakpoll');
    await send(requestId, 'one');
    for await (const message of client.watchMessages({ projectId: P, requestId, transport: 'polling', ...FAST })) {
      assert.equal(message.text, 'one');
      break;
    }
    await assertNothingLeft();
  });
});

// --- Polling ------------------------------------------------------------------

describe('watchMessages by polling', () => {
  test('transport polling: history, then new ids only, and no socket at all', async () => {
    const requestId = freshRequestId('poll');
    await send(requestId, 'a');
    const watch = client.watchMessages({ projectId: P, requestId, transport: 'polling', WebSocket, ...FAST });
    const [first] = await take(watch, 1);
    assert.equal(first.text, 'a');
    const seen = attributed;
    const b = await send(requestId, 'b');
    const c = await send(requestId, 'c');
    const next = await take(watch, 2);
    assert.ok(attributed > seen, 'the poll timers are attributed to the driver (else every "nothing pending" check here is empty)');
    assert.deepEqual(next.map((m) => m.id), [b.id, c.id]);
    assert.deepEqual(next, (await list(requestId)).slice(1));
    assert.equal(mock.realtime.upgrades(), 0);
    await watch.return();
    await assertNothingLeft();
  });

  test('automatic: no WebSocket in the runtime (Node 18 and 20 without the option) polls', async () => {
    await withoutGlobalWebSocket(async () => {
      const requestId = freshRequestId('nows');
      await send(requestId, 'a');
      const watch = client.watchMessages({ projectId: P, requestId, ...FAST });
      await take(watch, 1);
      await arrivesThenEnds(watch, requestId);
      assert.equal(mock.realtime.upgrades(), 0);
    });
  });

  test('automatic: a socket refused every time gives up after reconnect.attempts and polls', async () => {
    mock.realtime.refuseUpgrades(Infinity);
    const requestId = freshRequestId('refused');
    await send(requestId, 'a');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 2, attempts: 3 } });
    const [first] = await take(watch, 1);
    assert.equal(first.text, 'a');
    await arrivesThenEnds(watch, requestId);
    assert.equal(mock.realtime.upgrades(), 3);
  });

  test('automatic: a subscription the server never answers is given up for polling after two heartbeats', async () => {
    mock.realtime.ignoreSubscribes();
    const requestId = freshRequestId('ignored');
    await send(requestId, 'a');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, ...FAST, ...SILENT });
    const [first] = await take(watch, 1);
    assert.equal(first.text, 'a');
    assert.equal(mock.realtime.upgrades(), 1);
    assert.ok(mock.realtime.frames().some((f) => f.action === 'subscribe'));
    await until(() => mock.realtime.openSockets() === 0, 'the socket given up');
    const b = await send(requestId, 'b');
    const [next] = await take(watch, 1);
    assert.equal(next.id, b.id);
    assert.equal(mock.realtime.upgrades(), 1, 'no new connection: polling');
    await watch.return();
    await assertNothingLeft();
  });

  test('errors that retrying can fix are waited out; the watch goes on', async () => {
    const requestId = freshRequestId('flaky');
    await send(requestId, 'a');
    mock.script({ method: 'GET', pathIncludes: requestId, times: 2, status: 503 });
    const watch = client.watchMessages({ projectId: P, requestId, transport: 'polling', ...FAST });
    const [first] = await take(watch, 1);
    assert.equal(first.text, 'a');
    assert.ok(mock.requests({ pathIncludes: requestId }).filter((r) => r.method === 'GET').length >= 3);
    await watch.return();
    await assertNothingLeft();
  });
});

// --- Errors and secrets ----------------------------------------------------------

describe('errors end the iteration, and never show the token', () => {
  const BAD = 'eyJhbGciOiJIUzI1NiJ9.bm90LWEtdmFsaWQtdXNlcg.YmFkLXNpZ25hdHVyZQ';
  for (const transport of ['auto', 'websocket', 'polling']) {
    test(`a refused token (401) ends the iteration with a TidingsError (transport ${transport})`, async () => {
      const logged = [];
      const events = [];
      const saved = {};
      for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
        saved[level] = console[level];
        console[level] = (...args) => logged.push(args.map(String).join(' '));
      }
      let error;
      try {
        const bad = tiledeskClient(mock, { auth: { kind: 'jwt', token: BAD }, debug: (event) => events.push(JSON.stringify(event)) });
        const watch = bad.watchMessages({ projectId: P, requestId: R, WebSocket, transport, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 } });
        try {
          await watch.next();
        } catch (caught) {
          error = caught;
        }
      } finally {
        Object.assign(console, saved);
      }
      assertTidingsError(error, { kind: 'http', status: 401 });
      if (transport !== 'polling') assert.ok(mock.realtime.upgrades() >= 2, 'the socket was tried');
      for (const [what, text] of [['error', dumpError(error)], ['logs', logged.join('\n')], ['debug events', events.join('\n')]]) {
        assertNoSecret(text, [BAD, ...BAD.split('.')], what);
      }
      await assertNothingLeft();
    });
  }

  test('a WebSocket class that throws with the URL in its message: a config error without the token', async () => {
    class Throwing {
      constructor(url) {
        throw new SyntaxError(`The URL '${url}' is invalid.`);
      }
    }
    let error;
    try {
      await client.watchMessages({ projectId: P, requestId: R, WebSocket: Throwing }).next();
    } catch (caught) {
      error = caught;
    }
    assertTidingsError(error, { kind: 'config', field: 'realtimeUrl' });
    assertNoSecret(dumpError(error), [TILEDESK_JWT, ...TILEDESK_JWT.split('.').filter((p) => p.length >= 12)], 'error');
    assert.ok(error.message.includes('[redacted]'), error.message);
    assert.equal(pending.size, 0);
  });

  test('transport websocket without a WebSocket class is a config error', async () => {
    let error;
    await withoutGlobalWebSocket(async () => {
      try {
        await client.watchMessages({ projectId: P, requestId: R, transport: 'websocket' }).next();
      } catch (caught) {
        error = caught;
      }
    });
    assertTidingsError(error, { kind: 'config', field: 'transport' });
    await assertNothingLeft();
  });

  const badOptions = [
    [undefined, 'options'],
    [{ projectId: P, requestId: R, history: 'yes' }, 'history'],
    [{ projectId: P, requestId: R, transport: 'sse' }, 'transport'],
    [{ projectId: P, requestId: R, pollIntervalMs: 0 }, 'pollIntervalMs'],
    [{ projectId: P, requestId: R, pollIntervalMs: 1.5 }, 'pollIntervalMs'],
    [{ projectId: P, requestId: R, heartbeatIntervalMs: -1 }, 'heartbeatIntervalMs'],
    [{ projectId: P, requestId: R, reconnect: { attempts: 0 } }, 'reconnect.attempts'],
    [{ projectId: P, requestId: R, reconnect: { tries: 2 } }, 'reconnect.tries'],
    [{ projectId: P, requestId: R, reconnect: 5 }, 'reconnect'],
    [{ projectId: P, requestId: R, signal: {} }, 'signal'],
    [{ projectId: P, requestId: R, WebSocket: 'ws' }, 'WebSocket'],
    [{ projectId: P, requestId: R, debug: 'console' }, 'debug'],
    [{ projectId: P, requestId: R, page: 2 }, 'page'],
    [{ projectId: P, requestId: '..', WebSocket }, 'requestId'],
    [{ projectId: P, requestId: '..', transport: 'polling' }, 'requestId'],
    [{ projectId: P, WebSocket }, 'requestId'],
  ];
  for (const [options, field] of badOptions) {
    test(`bad option ${field} (${JSON.stringify(options)?.slice(0, 60)}) rejects the first next() with invalidInput`, async () => {
      const before = mock.requests().length;
      const watch = client.watchMessages(options); // never throws itself
      let error;
      try {
        await watch.next();
      } catch (caught) {
        error = caught;
      }
      assertTidingsError(error, { kind: 'invalidInput', field });
      assert.equal(mock.requests().length, before, 'nothing was sent');
      await assertNothingLeft();
    });
  }
});

// --- The debug option ---------------------------------------------------------------

describe("watchMessages' debug option", () => {
  /** The events of a watch so far, and a check that none shows the token or the socket's URL. */
  const recorder = () => {
    const events = [];
    const debug = (event) => events.push(structuredClone(event));
    const clean = () => {
      const text = JSON.stringify(events);
      assertNoSecret(text, [TILEDESK_JWT, ...TILEDESK_JWT.split('.').filter((p) => p.length >= 12)], 'debug events');
      assert.ok(!/wss?:\/\/|token/i.test(text), text);
    };
    return { events, debug, clean };
  };
  const steps = (events) => events.map((e) => (e.type === 'socket' ? e.state : e.type === 'polling' ? `polling:${e.reason}` : e.type));

  test('the socket: connecting, open, subscribed; a drop: closed with its code, the reconnect wait, and the same again; never the URL or token', async () => {
    const { events, debug, clean } = recorder();
    const requestId = freshRequestId('debug-drop');
    await send(requestId, 'a');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, debug, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 4, attempts: 1000 } });
    await take(watch, 1);
    await until(() => steps(events).includes('subscribed'), 'subscribed');
    assert.deepEqual(steps(events), ['connecting', 'open', 'subscribed']);
    mock.realtime.drop();
    await until(() => steps(events).filter((s) => s === 'subscribed').length === 2, 'subscribed again');
    assert.deepEqual(steps(events), ['connecting', 'open', 'subscribed', 'closed', 'reconnect', 'connecting', 'open', 'subscribed']);
    const closed = events.find((e) => e.state === 'closed');
    assert.ok(Number.isInteger(closed.code), JSON.stringify(closed));
    const wait = events.find((e) => e.type === 'reconnect');
    assert.equal(wait.attempt, 1);
    assert.ok(Number.isInteger(wait.waitMs) && wait.waitMs >= 0 && wait.waitMs <= 4, JSON.stringify(wait));
    await arrivesThenEnds(watch, requestId);
    clean();
  });

  test('a silent connection: silent, then the reconnect', async () => {
    const { events, debug, clean } = recorder();
    const requestId = freshRequestId('debug-silent');
    await send(requestId, 'a');
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, debug, ...FAST, ...SILENT, reconnect: { baseDelayMs: 1, maxDelayMs: 4, attempts: 1000 } });
    await take(watch, 1);
    await until(() => steps(events).includes('subscribed'), 'subscribed');
    mock.realtime.silence();
    await until(() => steps(events).includes('reconnect'), 'the reconnect');
    assert.deepEqual(steps(events).slice(0, 5), ['connecting', 'open', 'subscribed', 'silent', 'reconnect']);
    await arrivesThenEnds(watch, requestId);
    clean();
  });

  test('turning to polling says why: noSocket, gaveUp, unanswered, transport (Tiledesk and Flatchr)', async () => {
    /** The steps of a watch of `options` on `c`, up to its first message (the conversation has one). */
    const stepsUntilFirst = async (c, options) => {
      const { events, debug, clean } = recorder();
      const watch = c.watchMessages({ ...options, debug });
      const { done } = await watch.next();
      assert.equal(done, false);
      await watch.return();
      await assertNothingLeft();
      clean();
      return steps(events);
    };
    const ids = { projectId: P, requestId: freshRequestId('debug-polling') };
    await send(ids.requestId, 'a');
    await withoutGlobalWebSocket(async () => {
      assert.deepEqual(await stepsUntilFirst(client, { ...ids, ...FAST }), ['polling:noSocket']);
    });
    mock.realtime.refuseUpgrades(Infinity);
    const refused = await stepsUntilFirst(client, { ...ids, WebSocket, ...FAST, reconnect: { baseDelayMs: 1, maxDelayMs: 2, attempts: 2 } });
    assert.deepEqual(refused, ['connecting', 'closed', 'reconnect', 'connecting', 'closed', 'polling:gaveUp']);
    mock.realtime.refuseUpgrades(0);
    mock.realtime.ignoreSubscribes();
    const ignored = await stepsUntilFirst(client, { ...ids, WebSocket, ...FAST, ...SILENT });
    assert.deepEqual(ignored, ['connecting', 'open', 'unanswered', 'polling:unanswered']);
    mock.realtime.ignoreSubscribes(false);
    assert.deepEqual(await stepsUntilFirst(client, { ...ids, WebSocket, transport: 'polling', ...FAST }), ['polling:transport']);
    const recruiter = flatchrClient(mock, { token: FLATCHR_USER_TOKEN });
    const applicant = { companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID };
    await recruiter.sendMessage({ ...applicant, message: { html: '<p>Hello</p>', subject: 'Hello' } });
    assert.deepEqual(await stepsUntilFirst(recruiter, { ...applicant, ...FLATCHR_FAST }), ['polling:transport']);
  });

  test('a debug function that throws is ignored: the watch goes on', async () => {
    const requestId = freshRequestId('debug-throws');
    await send(requestId, 'a');
    let calls = 0;
    const debug = () => {
      calls += 1;
      throw new Error('the logger is broken');
    };
    const watch = client.watchMessages({ projectId: P, requestId, WebSocket, debug, ...FAST });
    await take(watch, 1);
    await until(() => calls >= 3, 'connecting, open, subscribed');
    await arrivesThenEnds(watch, requestId);
  });
});

// --- Flatchr ------------------------------------------------------------------------

describe('FlatchrClient.watchMessages', () => {
  test('polls: history, then each new message once', async () => {
    const recruiter = flatchrClient(mock, { token: FLATCHR_USER_TOKEN });
    const ids = { companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID };
    const existing = await recruiter.listMessages(ids);
    const watch = recruiter.watchMessages({ ...ids, ...FLATCHR_FAST });
    const history = await take(watch, existing.length);
    assert.deepEqual(history, existing);
    const sent = await recruiter.sendMessage({ ...ids, message: { html: '<p>Monday?</p>', subject: 'Interview' } });
    const [next] = await take(watch, 1);
    assert.equal(next.id, sent.id);
    assert.deepEqual(next, (await recruiter.listMessages(ids)).find((m) => m.id === sent.id));
    await watch.return();
    await assertNothingLeft();
  });

  test('transport websocket is refused: Flatchr has no realtime API', async () => {
    let error;
    try {
      await flatchrClient(mock).watchMessages({ companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID, transport: 'websocket' }).next();
    } catch (caught) {
      error = caught;
    }
    assertTidingsError(error, { kind: 'invalidInput', field: 'transport' });
  });

  test('a refused key (401) ends the iteration', async () => {
    let error;
    try {
      await flatchrClient(mock, { token: 'wrong-key-123456' }).watchMessages({ companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID, ...FLATCHR_FAST }).next();
    } catch (caught) {
      error = caught;
    }
    assertTidingsError(error, { kind: 'http', status: 401 });
    assertNoSecret(dumpError(error), ['wrong-key-123456'], 'error');
    await assertNothingLeft();
  });
});

// --- The CommonJS entry ---------------------------------------------------------------

describe('watchMessages from require()', () => {
  test('the CommonJS entry watches over the socket too', async () => {
    const { createRequire } = await import('node:module');
    const cjs = createRequire(import.meta.url)('../../pkg/node.cjs');
    const c = new cjs.TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: TILEDESK_JWT }, retry: false });
    const requestId = freshRequestId('cjs');
    await send(requestId, 'a');
    const seen = attributed;
    const watch = c.watchMessages({ projectId: P, requestId, WebSocket, ...FAST });
    const [first] = await take(watch, 1);
    assert.equal(first.text, 'a');
    await until(() => mock.realtime.frames().some((f) => f.action === 'subscribe'), 'the subscription');
    assert.ok(attributed > seen, 'the heartbeat timer of the CommonJS driver is attributed to it');
    const b = await send(requestId, 'b');
    const [next] = await take(watch, 1);
    assert.equal(next.id, b.id);
    await watch.return();
    await until(() => mock.realtime.openSockets() === 0, 'closed');
    assert.equal(pending.size, 0, 'timers of the CommonJS watch driver still pending');
  });

  test('the CommonJS entry: a bad option rejects the first next() with invalidInput; return() before it ends the watch', async () => {
    const { createRequire } = await import('node:module');
    const cjs = createRequire(import.meta.url)('../../pkg/node.cjs');
    const c = new cjs.FlatchrClient({ baseUrl: mock.url, token: FLATCHR_USER_TOKEN, retry: false });
    const before = mock.requests().length;
    const watch = c.watchMessages({ companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID, transport: 'websocket' }); // never throws itself
    let error;
    try {
      await watch.next();
    } catch (caught) {
      error = caught;
    }
    assertTidingsError(error, { kind: 'invalidInput', field: 'transport' });
    assert.ok(error instanceof cjs.TidingsError, 'an error of the CommonJS entry\'s class');
    assert.deepEqual(await watch.next(), { value: undefined, done: true });
    const unused = c.watchMessages({ companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID });
    assert.deepEqual(await unused.return(), { value: undefined, done: true });
    assert.deepEqual(await unused.next(), { value: undefined, done: true });
    assert.equal(mock.requests().length, before, 'nothing was sent');
    c.free();
  });
});
