// The mock's realtime side, with a bare ws client: the protocol of
// tiledesk-server's websocket/ (upgrade with the token in the query, 401 for a
// bad one, history on subscribe, a publish per stored message, heartbeats) and
// the fault switches.

import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startMockServer, TILEDESK_JWT, TILEDESK_PROJECT_ID as P, TILEDESK_REQUEST_ID as R, TILEDESK_BULK_REQUEST_ID } from './server.mjs';

let mock;
before(async () => {
  mock = await startMockServer(); // heartbeats every 30 s: none in these tests but the one below
});
after(() => mock?.close());
beforeEach(() => mock.reset());

const wsUrl = (server, token, path = '/v3/') => `${server.url.replace('http', 'ws')}${path}?token=${encodeURIComponent(token)}`;

/**
 * Opens a socket to `server` (the file's mock by default); resolves to
 * { ws, frames, next() } once open, or rejects with the upgrade's status.
 */
function open(token, path, server = mock) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(server, token, path));
    const frames = [];
    let waiting;
    let isClosed = false;
    ws.on('message', (data) => {
      frames.push(JSON.parse(data.toString()));
      waiting?.();
    });
    ws.on('close', () => {
      isClosed = true;
      waiting?.();
    });
    ws.on('unexpected-response', (_, res) => reject(Object.assign(new Error('refused'), { status: res.statusCode })));
    ws.on('error', () => {});
    ws.on('open', () =>
      resolve({
        ws,
        frames,
        /** The next frame that `match` accepts. */
        async next(match = () => true) {
          for (;;) {
            const found = frames.findIndex(match);
            if (found >= 0) return frames.splice(found, 1)[0];
            if (isClosed) throw new Error('the socket closed before the frame came');
            await new Promise((r) => (waiting = r));
          }
        },
      }),
    );
  });
}

const topic = (requestId) => `/${P}/requests/${requestId}/messages`;
const subscribe = (c, requestId) => c.ws.send(JSON.stringify({ action: 'subscribe', payload: { topic: topic(requestId) } }));
const isPublish = (f) => f.action === 'publish';
const closed = (ws) => new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', resolve)));

test('a bad, missing or unknown token is refused with 401 at the upgrade; the JWT prefix is optional', async () => {
  for (const token of ['', 'JWT nope', 'eyJhbGciOiJIUzI1NiJ9.bm9ib2R5.c2ln']) {
    await assert.rejects(open(token), { status: 401 });
  }
  for (const token of [TILEDESK_JWT, `JWT ${TILEDESK_JWT}`]) {
    const c = await open(token, '/');
    c.ws.close();
    await closed(c.ws);
  }
  assert.equal(mock.realtime.upgrades(), 5);
});

test('subscribe answers the first 300 messages, oldest first; each stored message is then published alone', async () => {
  const c = await open(TILEDESK_JWT);
  subscribe(c, TILEDESK_BULK_REQUEST_ID);
  const history = await c.next(isPublish);
  assert.equal(history.payload.topic, topic(TILEDESK_BULK_REQUEST_ID));
  assert.equal(history.payload.method, 'CREATE');
  assert.equal(history.payload.message.length, 300);
  const times = history.payload.message.map((m) => Date.parse(m.createdAt));
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  const sent = await fetch(`${mock.url}/v3/${P}/requests/${TILEDESK_BULK_REQUEST_ID}/messages`, {
    method: 'POST',
    headers: { authorization: `JWT ${TILEDESK_JWT}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'live' }),
  }).then((r) => r.json());
  const live = await c.next(isPublish);
  assert.equal(live.payload.message._id, sent._id);
  assert.equal(live.payload.message.text, 'live');
  c.ws.close();
  await closed(c.ws);
});

test('a subscribe to a project the user is not in gets no answer; ignoreSubscribes() answers none', async () => {
  const c = await open(TILEDESK_JWT);
  c.ws.send(JSON.stringify({ action: 'subscribe', payload: { topic: '/000000000000000000000000/requests/x/messages' } }));
  mock.realtime.ignoreSubscribes();
  subscribe(c, R);
  // A ping from the client is answered: both subscribes were read before it, and neither answered.
  c.ws.send(JSON.stringify({ action: 'heartbeat', payload: { message: { text: 'ping' } } }));
  await c.next((f) => f.action === 'heartbeat' && f.payload.message.text === 'pong');
  assert.equal(c.frames.filter(isPublish).length, 0);
  c.ws.close();
  await closed(c.ws);
});

test('the server pings every heartbeatMs and terminates a client silent since the previous ping', async () => {
  const fast = await startMockServer({ realtime: { heartbeatMs: 20 } });
  try {
    const c = await open(TILEDESK_JWT, '/', fast);
    const ping = await c.next((f) => f.action === 'heartbeat');
    assert.deepEqual(ping, { action: 'heartbeat', payload: { message: { text: 'ping' } } });
    await closed(c.ws);
    while (fast.realtime.openSockets() > 0) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    await fast.close();
  }
});

test('drop() cuts, silence() quiets, refuseUpgrades(n) refuses the next n', async () => {
  const a = await open(TILEDESK_JWT);
  mock.realtime.drop();
  await closed(a.ws);
  const b = await open(TILEDESK_JWT);
  mock.realtime.silence();
  subscribe(b, R);
  b.ws.send(JSON.stringify({ action: 'heartbeat', payload: { message: { text: 'ping' } } }));
  const c = await open(TILEDESK_JWT);
  subscribe(c, R);
  await c.next(isPublish); // the new connection answers; the silent one never does
  assert.equal(b.frames.length, 0);
  mock.realtime.refuseUpgrades(2);
  await assert.rejects(open(TILEDESK_JWT), { status: 503 });
  await assert.rejects(open(TILEDESK_JWT), { status: 503 });
  const d = await open(TILEDESK_JWT);
  for (const s of [b, c, d]) s.ws.terminate();
  await Promise.all([b, c, d].map((s) => closed(s.ws)));
});
