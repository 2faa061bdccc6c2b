// `watchMessages` for every entry: a conversation's messages as they arrive,
// as an async iterator. This is the thin driver: it owns the effects (the
// realtime socket, the timers, the caller's signal, the list calls) and the
// state (the ids yielded, failures in a row), and asks the wasm for every
// decision (src/watch.rs, as synchronous calls): what a frame is and how it
// decodes (exactly as `listMessages` decodes its answer), how long to wait
// before reconnecting or polling again, when to give the socket up for
// polling, whether a silent connection is dead, which errors end it.
//
// Tiledesk: the realtime WebSocket (the wasm gives its URL, whose query holds
// the token: it is never in an error, a log or a debug event), or polling.
// Flatchr: polling. Every list is a normal `listMessages` call (its options
// checked, its reads retried, its errors TidingsErrors).

import { invalidInput } from './pages.js';

const CALL_KEYS = ['signal', 'timeoutMs', 'totalTimeoutMs', 'retry', 'maxResponseBytes'];
const COMMON_KEYS = ['history', 'pollIntervalMs', 'reconnect', 'debug', ...CALL_KEYS];
const TILEDESK_KEYS = ['projectId', 'requestId', 'transport', 'heartbeatIntervalMs', 'WebSocket', ...COMMON_KEYS];
const FLATCHR_KEYS = ['companyId', 'applicantId', 'fields', ...COMMON_KEYS];
const TRANSPORTS = ['auto', 'websocket', 'polling'];
const MAX_MS = 86_400_000;
const noop = () => {};

/**
 * Adds `watchMessages` to both client classes. `decide` holds the wasm's
 * decisions (`watchFrame`, `watchWait`, `watchTick`, `watchGivesUp`),
 * usable once `ready()` has resolved (the browser entry loads the wasm on
 * first use).
 */
export function addWatchers(TiledeskClient, FlatchrClient, TidingsError, decide, ready) {
  const env = { TidingsError, decide, ready };
  for (const [Class, provider] of [
    [TiledeskClient, 'tiledesk'],
    [FlatchrClient, 'flatchr'],
  ]) {
    Object.defineProperty(Class.prototype, 'watchMessages', {
      value: function watchMessages(options) {
        return watch(this, options, provider, env);
      },
      writable: true,
      configurable: true,
    });
  }
}

/**
 * The error for a WebSocket class that refused to open the socket: what it
 * said, without the URL or any part of the token (a browser's SyntaxError
 * quotes the URL, which holds the token).
 */
function refused(TidingsError, thrown, url) {
  let said = '';
  try {
    said = String(thrown?.message ?? thrown);
  } catch {
    said = 'something that is not an Error';
  }
  const query = url.indexOf('?token=');
  const token = decodeURIComponent(url.slice(query + 7));
  const bare = token.replace(/^\S+\s+/, '');
  const pieces = [url, url.slice(query), token, bare, ...bare.split('.').filter((piece) => piece.length >= 12)];
  for (const piece of pieces.sort((a, b) => b.length - a.length)) said = said.split(piece).join('[redacted]');
  const error = new TidingsError(`invalid realtimeUrl: the runtime's WebSocket refused to open it: ${said}`);
  error.name = 'TidingsError';
  error.kind = 'config';
  error.field = 'realtimeUrl';
  return error;
}

/** A whole number of milliseconds from `min` to a day, or `fallback` when absent. */
function ms(bad, value, field, min, fallback) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > MAX_MS) {
    throw bad(field, `must be a whole number of milliseconds from ${min} to ${MAX_MS}`);
  }
  return value;
}

/** The watch's own options, checked; the rest goes to each list call. */
function readOptions(options, provider, TidingsError) {
  const bad = (field, message) => invalidInput(TidingsError, field, message);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw bad('options', `must be an object of options, e.g. { ${provider === 'tiledesk' ? 'projectId, requestId' : 'companyId, applicantId'} }`);
  }
  let o;
  try {
    o = { ...options }; // each property read once, here
  } catch (thrown) {
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `a ${typeof thrown}`;
    throw bad('options', `could not be read: reading it threw ${what}`);
  }
  const known = provider === 'tiledesk' ? TILEDESK_KEYS : FLATCHR_KEYS;
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) throw bad(key, `is not an option of watchMessages; the options are ${known.join(', ')}`);
  }
  if (o.history !== undefined && typeof o.history !== 'boolean') throw bad('history', 'must be true or false');
  const transport = o.transport ?? 'auto';
  if (!TRANSPORTS.includes(transport)) throw bad('transport', `must be one of ${TRANSPORTS.map((t) => `"${t}"`).join(', ')}`);
  const signal = o.signal;
  if (signal !== undefined && !(typeof signal?.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
    throw bad('signal', 'must be an AbortSignal (from new AbortController().signal)');
  }
  if (o.debug !== undefined && typeof o.debug !== 'function') {
    throw bad('debug', 'must be a function, called with each step of the watch (e.g. console.debug)');
  }
  if (o.WebSocket !== undefined && typeof o.WebSocket !== 'function') {
    throw bad('WebSocket', 'must be a WebSocket class (the global one, or the ws package\'s in Node 18 and 20)');
  }
  const reconnect = o.reconnect ?? {};
  if (reconnect === null || typeof reconnect !== 'object' || Array.isArray(reconnect)) {
    throw bad('reconnect', 'must be an object: { baseDelayMs, maxDelayMs, attempts }');
  }
  for (const key of Object.keys(reconnect)) {
    if (!['baseDelayMs', 'maxDelayMs', 'attempts'].includes(key)) {
      throw bad(`reconnect.${key}`, 'is not an option of reconnect; the options are baseDelayMs, maxDelayMs, attempts');
    }
  }
  const attempts = reconnect.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 1000) throw bad('reconnect.attempts', 'must be a whole number from 1 to 1000');
  const picked = {
    history: o.history ?? true,
    transport,
    signal,
    WebSocket: o.WebSocket,
    debug: o.debug,
    pollIntervalMs: ms(bad, o.pollIntervalMs, 'pollIntervalMs', 1, 5_000),
    heartbeatIntervalMs: ms(bad, o.heartbeatIntervalMs, 'heartbeatIntervalMs', 1, 25_000),
    baseDelayMs: ms(bad, reconnect.baseDelayMs, 'reconnect.baseDelayMs', 0, 500),
    maxDelayMs: ms(bad, reconnect.maxDelayMs, 'reconnect.maxDelayMs', 0, 30_000),
    attempts,
  };
  if (provider === 'flatchr' && transport === 'websocket') {
    throw bad('transport', 'Flatchr has no realtime API: watchMessages polls it ("auto" or "polling")');
  }
  // What each list call takes: the ids and the call options, not the watch's own.
  const call = {};
  for (const key of [...(provider === 'tiledesk' ? ['projectId', 'requestId'] : ['companyId', 'applicantId', 'fields']), ...CALL_KEYS]) {
    if (key in o && key !== 'signal') call[key] = o[key];
  }
  return { ...picked, call, ids: o };
}

/**
 * The iterator of `client.watchMessages(options)`, as `addWatchers` installs
 * it (`provider`: 'tiledesk' or 'flatchr'; `env`: { TidingsError, decide,
 * ready }). Exported for the CommonJS entry, which requires this file on the
 * first `next()` of a watch rather than at start-up.
 *
 * Nothing runs before the first `next()`: every problem, a wrong argument
 * included, rejects a `next()`, never throws from `watchMessages`.
 */
export async function* watch(client, options, provider, env) {
  const { TidingsError } = env;
  const o = readOptions(options, provider, TidingsError);
  const list = (extra) => client.listMessages({ ...o.call, ...extra });
  const aborted = async () => {
    // Rejects at once with the same TidingsError (kind `aborted`) as any call.
    await list({ signal: o.signal });
    const error = new TidingsError('aborted: the signal of watchMessages was aborted');
    error.name = 'TidingsError';
    error.kind = 'aborted';
    throw error;
  };
  if (o.signal?.aborted) await aborted();
  // The browser entry loads the wasm on first use.
  await env.ready();
  const topic = provider === 'tiledesk' ? `/${o.ids.projectId}/requests/${o.ids.requestId}/messages` : '';
  const decide = env.decide;
  const seen = new Set(); // the ids yielded (or, without history, that existed)
  const fresh = (id) => !seen.has(id) && Boolean(seen.add(id));

  // Effects, all released when the iteration ends (the `finally` below).
  const queue = []; // messages to yield, in order; `fresh` filters them on the way out
  let failure; // the error that ends the iteration
  let waiter; // the generator, waiting for news
  let stopped = false;
  const timers = new Set();
  const lists = new AbortController();
  let socket;
  let heartbeat;

  const wake = () => {
    const resolve = waiter;
    waiter = undefined;
    resolve?.();
  };
  const push = (messages) => {
    for (const message of messages) queue.push(message);
    wake();
  };
  const fail = (error) => {
    failure ??= error;
    wake();
  };
  const later = (wait, run) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) run();
    }, wait);
    timers.add(timer);
    return timer;
  };
  const cancel = (timer) => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(timer);
  };
  const onAbort = () => {
    lists.abort();
    wake();
  };
  o.signal?.addEventListener('abort', onAbort);
  /** Calls the `debug` option with `event` (never a URL or a token); what it throws is ignored. */
  const report = (event) => {
    try {
      o.debug?.(event);
    } catch {
      // the caller's logger failed: the watch goes on
    }
  };

  /** One list: its messages, `undefined` after an error that the next try may fix; an error that retrying cannot fix ends the watch. */
  const listOnce = async () => {
    try {
      return await list({ signal: lists.signal });
    } catch (error) {
      if (stopped) return undefined;
      const kind = typeof error?.kind === 'string' ? error.kind : '';
      if (decide.watchGivesUp(kind, Number.isInteger(error?.status) ? error.status : 0)) fail(error);
      return undefined;
    }
  };
  let first = true;
  /** Messages of a list: the first one, without history, only marks what exists as seen. */
  const deliverList = (messages) => {
    if (first && !o.history) {
      for (const message of messages) fresh(message.id);
    } else {
      push(messages);
    }
    first = false;
  };

  // Polling.
  let polling = false;
  let pollFailures = 0;
  const poll = async () => {
    const messages = await listOnce();
    if (stopped || failure) return;
    if (messages) {
      pollFailures = 0;
      deliverList(messages);
    } else {
      pollFailures += 1;
    }
    later(decide.watchWait(o.pollIntervalMs, pollFailures, 0, o.baseDelayMs, o.maxDelayMs, Math.random()), poll);
  };
  /** Polls from now on; `reason` says why (the `polling` debug event). */
  const startPolling = (reason) => {
    if (polling || stopped) return;
    polling = true;
    drop();
    report({ type: 'polling', reason });
    poll();
  };

  // The realtime socket.
  let failures = 0; // connections in a row that ended without their history
  let subscribed = false; // this connection had its history
  let heard = false; // a frame arrived since the last heartbeat tick
  let ticks = 0; // heartbeat ticks on this connection
  let syncing = false;
  let again = false;
  let held = [];
  const send = (action, payload) => {
    try {
      socket?.send(JSON.stringify({ action, payload }));
    } catch {
      // A socket that is closing: its close reconnects.
    }
  };
  /** Lists the conversation, holding live messages until the list is in. */
  const sync = async () => {
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    const on = socket;
    do {
      again = false;
      const messages = await listOnce();
      // A list for a connection that was replaced since: the new one lists
      // for itself (and holds its own live messages).
      if (socket !== on) return;
      if (stopped || failure) break;
      if (!messages) {
        // Nothing lost: the next connection lists again.
        syncing = false;
        held = [];
        reconnect();
        return;
      }
      deliverList(messages);
    } while (again);
    syncing = false;
    const live = held;
    held = [];
    push(live);
  };
  /** Detaches and closes the current socket, and stops its heartbeat. */
  const drop = () => {
    cancel(heartbeat);
    heartbeat = undefined;
    const old = socket;
    socket = undefined;
    syncing = false;
    held = [];
    if (!old) return;
    old.onopen = noop;
    old.onmessage = noop;
    old.onclose = noop;
    old.onerror = noop; // the ws package throws on an error nobody listens to
    try {
      old.close();
    } catch {
      // Already closed.
    }
  };
  const reconnect = () => {
    drop();
    if (stopped || polling) return;
    failures += 1;
    const wait = decide.watchWait(0, failures, o.attempts, o.baseDelayMs, o.maxDelayMs, Math.random());
    if (wait >= 0) {
      report({ type: 'reconnect', attempt: failures, waitMs: wait });
      later(wait, connect);
    } else if (o.transport === 'websocket') {
      // Only the socket is allowed: one list says whether the credentials
      // were refused (an error that ends the watch) and fills in anything
      // new; then the count starts again.
      failures = 0;
      listOnce().then((messages) => {
        if (stopped || failure) return;
        if (messages) deliverList(messages);
        reconnect();
      });
    } else {
      startPolling('gaveUp');
    }
  };
  const tick = () => {
    ticks += 1;
    const verdict = decide.watchTick(heard, subscribed, ticks);
    heard = false;
    switch (verdict) {
      case 0:
        send('heartbeat', { message: { text: 'ping' } });
        heartbeat = later(o.heartbeatIntervalMs, tick);
        break;
      case 1:
        report({ type: 'socket', state: 'silent' });
        reconnect();
        break;
      default:
        report({ type: 'socket', state: 'unanswered' });
        if (o.transport === 'websocket') reconnect();
        else startPolling('unanswered');
    }
  };
  const connect = async () => {
    let url;
    try {
      url = await client.realtimeSocketUrl({ projectId: o.ids.projectId, requestId: o.ids.requestId });
    } catch (error) {
      fail(error);
      return;
    }
    if (stopped) return;
    const WebSocketClass = o.WebSocket ?? globalThis.WebSocket;
    if (url === null || typeof WebSocketClass !== 'function') {
      if (o.transport === 'websocket') {
        const error = new TidingsError(
          'invalid transport: "websocket" needs a WebSocket class (none in this runtime: pass the ws package\'s as the WebSocket option) and a JWT (auth: { kind: "jwt" }); use transport "auto" to poll instead',
        );
        error.kind = 'config';
        error.field = 'transport';
        fail(error);
      } else {
        startPolling('noSocket');
      }
      return;
    }
    report({ type: 'socket', state: 'connecting' });
    let opened;
    try {
      opened = new WebSocketClass(url);
    } catch (thrown) {
      fail(refused(TidingsError, thrown, url));
      return;
    }
    socket = opened;
    opened.onerror = noop; // a close always follows
    opened.onclose = (event) => {
      let code;
      try {
        code = event?.code;
      } catch {
        // a WebSocket class of the caller's with an odd event
      }
      report(Number.isInteger(code) ? { type: 'socket', state: 'closed', code } : { type: 'socket', state: 'closed' });
      reconnect();
    };
    opened.onopen = () => {
      report({ type: 'socket', state: 'open' });
      subscribed = false;
      heard = true;
      ticks = 0;
      send('subscribe', { topic });
      heartbeat = later(o.heartbeatIntervalMs, tick);
    };
    opened.onmessage = (event) => {
      try {
        onFrame(event);
      } catch (error) {
        fail(error); // never thrown into the socket's event dispatch
      }
    };
  };
  const onFrame = (event) => {
    heard = true;
    const reaction = decide.watchFrame(typeof event?.data === 'string' ? event.data : '', topic, subscribed);
    if (reaction === 's' || reaction[0] === '[') failures = 0; // the socket works
    if (reaction === 's') {
      subscribed = true;
      report({ type: 'socket', state: 'subscribed' });
      sync();
    } else if (reaction === 'p') {
      send('heartbeat', { message: { text: 'pong' } });
    } else if (reaction !== '') {
      const messages = JSON.parse(reaction);
      if (!syncing) push(messages);
      else for (const message of messages) held.push(message);
    }
  };

  try {
    if (provider === 'flatchr' || o.transport === 'polling') startPolling('transport');
    else connect();
    for (;;) {
      while (queue.length > 0) {
        const message = queue.shift();
        if (fresh(message.id)) yield message;
        if (o.signal?.aborted) break;
      }
      if (o.signal?.aborted) await aborted();
      if (failure) throw failure;
      if (queue.length === 0) await new Promise((resolve) => (waiter = resolve));
    }
  } finally {
    stopped = true;
    drop();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    lists.abort();
    o.signal?.removeEventListener('abort', onAbort);
  }
}
