// The realtime side of the Tiledesk mock: a WebSocket server on the mock's own
// port, speaking the protocol of tiledesk-server's websocket/ (pubsub.js,
// webSocketServer.js):
//
// - The upgrade carries the JWT in the query, `?token=JWT%20eyJ...` (prefix
//   optional), on any path; a bad or missing token is refused with 401.
// - `{"action":"subscribe","payload":{"topic":"/<projectId>/requests/<requestId>/messages"}}`
//   answers with the request's first 300 messages, oldest first, in one publish
//   (`message` an array); then every message stored afterwards (by any send
//   route of the HTTP mock) is published alone (`message` an object). A
//   subscribe the server refuses (unknown project, not a member) gets no answer.
// - Every `heartbeatMs` (default 30 s) the server sends a `ping` heartbeat and
//   terminates a client that sent nothing since the previous one; a client's
//   `ping` heartbeat gets a `pong`.
//
// Fault switches (`mock.realtime`): `drop()` cuts every connection (no close
// frame), `silence()` makes the open connections go quiet (no pong, no ping, no
// publish: a connection that died without closing), `refuseUpgrades(n, status)`
// refuses the next n upgrades, `ignoreSubscribes()` answers no subscription
// (as a refused one is answered). `openSockets()` counts the connections still
// open on the server's side.

import { WebSocketServer } from 'ws';
import { authenticate } from './tiledesk.mjs';

const HISTORY_LIMIT = 300;

/** Attaches the realtime server to `server`, reading the data of `mock.state`. */
export function attachRealtime(server, mock, { heartbeatMs = 30_000 } = {}) {
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set();
  let refusals = 0;
  let ignoring = false;
  let refusalStatus = 503;
  const frames = []; // every frame a client sent, parsed: { action, payload }
  let upgrades = 0;

  server.on('upgrade', (req, socket, head) => {
    upgrades += 1;
    const queryStart = req.url.indexOf('?');
    const token = new URLSearchParams(queryStart === -1 ? '' : req.url.slice(queryStart + 1)).get('token') ?? '';
    const refuse = (status, reason) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (refusals > 0) {
      refusals -= 1;
      return refuse(refusalStatus, 'Refused');
    }
    const bare = token.replace(/^JWT\s+/i, '');
    const { user } = authenticate(`JWT ${bare}`, mock.state);
    if (!user) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => connected(ws, user));
  });

  function connected(ws, user) {
    const client = { ws, user, topics: new Set(), alive: true, silent: false };
    clients.add(client);
    const timer = setInterval(() => {
      if (client.silent) return;
      if (!client.alive) return ws.terminate();
      client.alive = false;
      send(client, { action: 'heartbeat', payload: { message: { text: 'ping' } } });
    }, heartbeatMs);
    ws.on('close', () => {
      clearInterval(timer);
      clients.delete(client);
    });
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      client.alive = true;
      if (isBinary) return;
      let frame;
      try {
        frame = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      frames.push(frame);
      if (client.silent) return;
      const topic = frame?.payload?.topic;
      if (frame?.action === 'heartbeat' && frame.payload?.message?.text === 'ping') {
        send(client, { action: 'heartbeat', payload: { message: { text: 'pong' } } });
      } else if (frame?.action === 'subscribe' && typeof topic === 'string') {
        subscribe(client, topic);
      } else if (frame?.action === 'unsubscribe' && typeof topic === 'string') {
        client.topics.delete(topic);
      }
    });
  }

  function subscribe(client, topic) {
    const match = /^\/([^/]+)\/requests\/(.+)\/messages$/.exec(topic);
    if (!match) return;
    const [, projectId, requestId] = match;
    const project = mock.state.tiledesk.projects.get(projectId.toLowerCase());
    // Refused subscriptions get no answer at all, as on the real server.
    if (ignoring || !project || !project.members.has(client.user._id)) return;
    client.topics.add(topic);
    const history = messagesOf(projectId, requestId).slice(0, HISTORY_LIMIT);
    send(client, { action: 'publish', payload: { topic, method: 'CREATE', message: history } });
  }

  function messagesOf(projectId, requestId) {
    return [...mock.state.tiledesk.messages.values()]
      .filter((m) => m.recipient === requestId && m.id_project?.toLowerCase() === projectId.toLowerCase())
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }

  function send(client, frame) {
    if (client.silent || client.ws.readyState !== 1) return;
    client.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Publishes a message stored by the HTTP mock to the subscribers of its request. */
  function published(message) {
    const topic = `/${message.id_project}/requests/${message.recipient}/messages`;
    for (const client of clients) {
      if (client.topics.has(topic)) send(client, { action: 'publish', payload: { topic, method: 'CREATE', message } });
    }
  }

  /** Makes every message stored in `state` from now on a publish. */
  function watchState(state) {
    const messages = state.tiledesk.messages;
    const set = messages.set.bind(messages);
    messages.set = (id, message) => {
      const result = set(id, message);
      published(message);
      return result;
    };
  }

  return {
    watchState,
    /** Connections open on the server's side. */
    openSockets: () => clients.size,
    /** Upgrade requests received so far (refused ones included). */
    upgrades: () => upgrades,
    /** Every frame clients sent, parsed, in order. */
    frames: () => structuredClone(frames),
    /** Cuts every connection at once, without a close frame. */
    drop() {
      for (const client of clients) client.ws.terminate();
    },
    /** The open connections go quiet for good: they answer and publish nothing, and never close. */
    silence() {
      for (const client of clients) client.silent = true;
    },
    /** Refuses the next `count` upgrades with `status` (503 by default). */
    refuseUpgrades(count = Infinity, status = 503) {
      refusals = count;
      refusalStatus = status;
    },
    /** Answers no subscription from now on (as the real server answers a refused one). */
    ignoreSubscribes(on = true) {
      ignoring = on;
    },
    /** Sends a raw text frame to every open connection (for malformed frames). */
    sendRaw(text) {
      for (const client of clients) send(client, text);
    },
    reset() {
      refusals = 0;
      ignoring = false;
      frames.length = 0;
      upgrades = 0;
    },
    close() {
      for (const client of clients) client.ws.terminate();
      wss.close();
    },
  };
}
