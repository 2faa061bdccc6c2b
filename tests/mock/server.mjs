// Mock of the Tiledesk and Flatchr message APIs for the "tidings" client tests.
//
//   import { startMockServer } from './tests/mock/server.mjs';
//   const mock = await startMockServer();      // mock.url = http://127.0.0.1:PORT
//
// or from a shell:  node tests/mock/server.mjs [--port N] [--host H] [--verbose]
// which prints one line `MOCK_URL=http://127.0.0.1:PORT` and runs until SIGTERM/SIGINT.
//
// Plain Node 20; the realtime side (realtime.mjs) uses the ws package. See README.md in this folder.

import http from 'node:http';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createState } from './state.mjs';
import { handleTiledesk } from './tiledesk.mjs';
import { handleTiledeskAuth } from './tiledesk-auth.mjs';
import { handleFlatchr } from './flatchr.mjs';
import { ScriptBook, createScheduler, respondScripted } from './faults.mjs';
import { CORS_HEADERS, send, sendJson, sendText, parseJsonBody } from './http-util.mjs';
import { attachRealtime } from './realtime.mjs';

export * from './fixtures.mjs';

const CONTROL_PREFIX = '/__mock/';

/**
 * Starts the mock. Resolves to { url, port, close(), reset(), script(rule), requests(), realtime }.
 * `realtime` is the WebSocket side (realtime.mjs), on the same port; `realtime: { heartbeatMs }`
 * sets its heartbeat interval.
 */
export async function startMockServer({ port = 0, host = '127.0.0.1', quiet = true, realtime: realtimeOptions } = {}) {
  const mock = {
    state: createState(),
    log: [],
    scripts: new ScriptBook(),
    scheduler: createScheduler(),
    quiet,
  };
  let realtime;
  const reset = () => {
    mock.state = createState();
    mock.log = [];
    mock.scripts.clear();
    realtime?.watchState(mock.state);
    realtime?.reset();
  };
  mock.reset = reset;

  const server = http.createServer((req, res) => {
    handleRequest(mock, req, res).catch((error) => internalError(res, error));
  });
  const sockets = trackSockets(server);
  realtime = attachRealtime(server, mock, realtimeOptions);
  realtime.watchState(mock.state);
  await listen(server, port, host);
  const actualPort = server.address().port;

  let closing = null;
  const close = () => {
    // Hung and slow responses never end by themselves: cancel their timers and
    // destroy every socket so close() always resolves promptly.
    closing ??= new Promise((resolve) => {
      mock.scheduler.cancelAll();
      realtime.close();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return {
    url: `http://${urlHost(host)}:${actualPort}`,
    port: actualPort,
    close,
    reset,
    script: (rule) => mock.scripts.add(rule),
    requests: ({ pathIncludes } = {}) => filterLog(mock.log, pathIncludes),
    realtime,
  };
}

// --- Plumbing ----------------------------------------------------------------

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function trackSockets(server) {
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

function urlHost(host) {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function internalError(res, error) {
  console.error('[mock] internal error:', error);
  if (!res.headersSent) sendText(res, 500, `Mock internal error: ${error.message}`);
  else res.destroy();
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function logOutcome(mock, req, res) {
  if (mock.quiet) return;
  const started = Date.now();
  const done = (outcome) => console.error(`[mock] ${req.method} ${req.url} -> ${outcome} (${Date.now() - started} ms)`);
  res.once('finish', () => done(res.statusCode));
  res.once('close', () => { if (!res.writableFinished) done('connection closed before the response finished'); });
}

// --- Request handling ---------------------------------------------------------

/**
 * Splits the RAW path on "/" first and only then percent-decodes each segment, so
 * an id containing "%2F" stays one segment. Returns null for a malformed escape.
 */
export function decodeSegments(rawPath) {
  try {
    return rawPath.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

function queryObject(searchParams) {
  const query = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

async function handleRequest(mock, req, res) {
  logOutcome(mock, req, res);
  if (req.method === 'OPTIONS') return send(res, 204);

  // Never parse req.url with `new URL()`: it would resolve dot segments and
  // re-encode characters, hiding exactly what the client sent.
  const queryStart = req.url.indexOf('?');
  const rawPath = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
  const searchParams = new URLSearchParams(queryStart === -1 ? '' : req.url.slice(queryStart + 1));
  const body = await readBody(req);

  if (rawPath.startsWith(CONTROL_PREFIX)) return handleControl(mock, req, res, rawPath, searchParams, body);

  const segments = decodeSegments(rawPath);
  mock.log.push({
    method: req.method,
    rawPath,
    segments,
    query: queryObject(searchParams),
    headers: { ...req.headers },
    body,
  });

  const decodedPath = segments === null ? null : `/${segments.join('/')}`;
  const rule = mock.scripts.take(req.method, rawPath, decodedPath);
  if (rule) return respondScripted(res, rule, mock.scheduler, req.method, req.headers.authorization);

  if (segments === null) return sendText(res, 400, 'Bad Request: malformed percent-encoding in path');
  const route = matchRoute(segments);
  if (!route) return sendText(res, 404, `Cannot ${req.method} ${rawPath}`);
  const ctx = { req, res, method: req.method, rawPath, segments, searchParams, headers: req.headers, body, state: mock.state };
  const handlers = { tiledesk: handleTiledesk, 'tiledesk-auth': handleTiledeskAuth, flatchr: handleFlatchr };
  return handlers[route.api](ctx, route);
}

/**
 * Matches by SUFFIX, so any base-URL prefix (/v1, /v3, /api, ...) works.
 * Flatchr is tried first: its patterns have two fixed words and are more specific.
 */
export function matchRoute(allSegments) {
  // A single trailing slash is ignored, like Express's non-strict routing.
  const s = allSegments.at(-1) === '' ? allSegments.slice(0, -1) : allSegments;
  const n = s.length;
  const from = (k) => s[n - k]; // k-th segment from the end, 1-based
  const isFlatchrApplicantPath = n >= 5 && from(5) === 'company' && from(3) === 'applicant';

  if (isFlatchrApplicantPath && from(1) === 'messages') {
    return { api: 'flatchr', kind: 'list', companyId: from(4), applicantId: from(2) };
  }
  if (isFlatchrApplicantPath && from(1) === 'message') {
    return { api: 'flatchr', kind: 'send', companyId: from(4), applicantId: from(2) };
  }
  if (n >= 2 && from(2) === 'user' && from(1) === 'login') return { api: 'flatchr', kind: 'login' };
  if (n >= 2 && from(2) === 'auth' && (from(1) === 'signin' || from(1) === 'signinAnonymously')) {
    return { api: 'tiledesk-auth', kind: from(1) === 'signin' ? 'signin' : 'anonymous' };
  }
  if (n >= 4 && from(3) === 'requests' && from(1) === 'messages') {
    return { api: 'tiledesk', kind: 'list', projectId: from(4), requestId: from(2) };
  }
  if (n >= 5 && from(4) === 'requests' && from(2) === 'messages') {
    return { api: 'tiledesk', kind: 'one', projectId: from(5), requestId: from(3), messageId: from(1) };
  }
  if (n >= 2 && from(1) === 'messages') return { api: 'tiledesk', kind: 'project', projectId: from(2) };
  return null;
}

// --- Control API (never recorded, never authenticated, never scripted) --------

function handleControl(mock, req, res, rawPath, searchParams, body) {
  const endpoint = `${req.method} ${rawPath}`;
  if (endpoint === 'POST /__mock/reset') {
    mock.reset();
    return send(res, 204);
  }
  if (endpoint === 'GET /__mock/requests') {
    return sendJson(res, 200, filterLog(mock.log, searchParams.get('pathIncludes') ?? undefined));
  }
  if (endpoint === 'POST /__mock/script') {
    const parsed = parseJsonBody(body);
    if (!parsed.ok) return sendText(res, 400, 'Bad Request: body is not JSON');
    try {
      mock.scripts.add(parsed.value);
    } catch (error) {
      return sendText(res, 400, `Bad Request: ${error.message}`);
    }
    return send(res, 204);
  }
  return sendText(res, 404, `Unknown control endpoint: ${endpoint}`);
}

function filterLog(log, pathIncludes) {
  const entries = pathIncludes === undefined
    ? log
    : log.filter((entry) => entry.rawPath.includes(pathIncludes)
      || (entry.segments !== null && `/${entry.segments.join('/')}`.includes(pathIncludes)));
  return structuredClone(entries);
}

// --- CLI -----------------------------------------------------------------------

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port: ${values.port}`);
    process.exit(2);
  }
  const mock = await startMockServer({ port, host: values.host, quiet: !values.verbose });
  process.stdout.write(`MOCK_URL=${mock.url}\n`);
  const stop = async () => {
    await mock.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (isMain()) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

export { CORS_HEADERS };
