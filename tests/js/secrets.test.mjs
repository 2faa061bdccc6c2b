// Secrets: across a sweep of the fault cases and the bad-input
// table, plus scenarios built to tempt a leak (wrong credentials, secrets in the
// wrong option), collect every error's message, String(), JSON.stringify(),
// stack and util.inspect(), util.inspect() of every client, and every
// console.log/error/warn/info/debug line, and check that no token, password,
// email:password pair or Basic header value appears in any of them.
//
//   node --test tests/js/secrets.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import * as realPkg from '../../pkg/node.mjs';
import { startMockServer, TILEDESK_CREDENTIALS } from '../mock/server.mjs';
import { faultCases, runFaultCase } from './faults/cases.mjs';
import {
  badInputRows, safeIdRows, wrongTypeRows, sentRows, runBadInputRow, runSafeIdRow, runWrongTypeRow, runSentRow,
} from './faults/bad-inputs.mjs';
import { FIXTURES, WRONG_CREDENTIALS, settle } from './faults/shared.mjs';
import { closedLoopbackUrl } from './faults/closed-port.mjs';

// --- The secrets ---------------------------------------------------------------------

const basicHeader = (email, password) => Buffer.from(`${email}:${password}`, 'utf8').toString('base64');

/** Distinctive credentials that the mock accepts. */
const ZOE = TILEDESK_CREDENTIALS.zoe; // zoë@example.com / pässwörd✓ (UTF-8 Basic)
const GOOD = {
  jwt: FIXTURES.tiledesk.jwt,
  basic: { email: ZOE.email, password: ZOE.password },
  flatchrUser: FIXTURES.flatchr.userToken,
  flatchrKey: FIXTURES.flatchr.apiKey,
};
/** Distinctive credentials the mock refuses (401), and ones the client must refuse. */
const BAD = {
  jwt: 'eyJhbGciOiJIUzI1NiJ9.U0VDUkVULWp3dC1wYXlsb2FkLTQ3MTE.U0VDUkVULXNpZ25hdHVyZQ',
  basic: { email: 'secret.agent@example.com', password: 'Sw0rdf1sh-Ω-7734' },
  colonPassword: { email: 'agent.colon@example.com', password: 'S3cr3t:Pässwörd-Q9' },
  flatchr: 'flatchr-SECRET-token-9z8y7x6w',
  urlPassword: 'UrlP4ssw0rd-in-the-URL',
};

function forbiddenFor({ token, email, password, scheme }) {
  const out = [];
  if (token) {
    out.push(token, `${scheme ?? 'JWT'} ${token}`);
    // Any long-enough piece of a JWT (each dot-separated part) must not leak either.
    for (const part of token.split('.')) if (part.length >= 12) out.push(part);
  }
  if (password) {
    const b64 = basicHeader(email, password);
    out.push(password, `${email}:${password}`, b64, b64.replace(/=+$/, ''), `Basic ${b64}`);
    out.push(Buffer.from(`${email}:${password}`, 'latin1').toString('base64'));
  }
  return out;
}

const FORBIDDEN = [...new Set([
  ...forbiddenFor({ token: GOOD.jwt }),
  ...forbiddenFor({ email: GOOD.basic.email, password: GOOD.basic.password }),
  ...forbiddenFor({ token: GOOD.flatchrUser, scheme: 'Bearer' }),
  ...forbiddenFor({ token: GOOD.flatchrKey, scheme: 'Bearer' }),
  ...forbiddenFor({ token: BAD.jwt }),
  ...forbiddenFor({ email: BAD.basic.email, password: BAD.basic.password }),
  ...forbiddenFor({ email: BAD.colonPassword.email, password: BAD.colonPassword.password }),
  ...forbiddenFor({ token: BAD.flatchr, scheme: 'Bearer' }),
  ...forbiddenFor({ token: WRONG_CREDENTIALS.tiledeskJwt }),
  ...forbiddenFor({ token: WRONG_CREDENTIALS.flatchrToken, scheme: 'Bearer' }),
  BAD.urlPassword,
  // The password's colon-free halves, in case a client cuts at the colon.
  'S3cr3t', 'Pässwörd-Q9',
])];

// --- Collecting -----------------------------------------------------------------------

/** Every string checked, with where it came from. */
const collected = [];
const add = (source, text) => {
  if (typeof text === 'string') collected.push({ source, text });
};

function collectError(error, source) {
  add(`${source}: message`, error?.message);
  add(`${source}: String()`, String(error));
  add(`${source}: toString()`, typeof error?.toString === 'function' ? error.toString() : undefined);
  add(`${source}: JSON.stringify`, JSON.stringify(error));
  add(`${source}: stack`, error?.stack);
  add(`${source}: util.inspect`, util.inspect(error));
  add(`${source}: util.inspect(showHidden)`, util.inspect(error, { showHidden: true, depth: null }));
  add(`${source}: util.format(%o)`, util.format('%o', error));
  if (error && typeof error === 'object' && error.body !== undefined) add(`${source}: body`, JSON.stringify(error.body));
  if (error && typeof error === 'object' && error.field !== undefined) add(`${source}: field`, String(error.field));
}

function collectClient(client, source) {
  add(`${source}: util.inspect(client)`, util.inspect(client, { showHidden: true, depth: null }));
  add(`${source}: String(client)`, String(client));
  add(`${source}: JSON.stringify(client)`, JSON.stringify(client));
  try {
    add(`${source}: client.baseUrl`, client.baseUrl);
  } catch (error) {
    collectError(error, `${source}: client.baseUrl`);
  }
}

let errorCount = 0;
let clientCount = 0;

/**
 * The package with both client classes wrapped so that every thrown or rejected
 * error and every client made is collected. Clients are Proxies over the real ones.
 */
function recordingPkg(pkg, label) {
  const wrap = (Real) => withStatics(Real, function RecordingClient(...args) {
    let client;
    try {
      client = new Real(...args);
    } catch (error) {
      errorCount += 1;
      collectError(error, `${label}: new ${Real.name}`);
      throw error;
    }
    clientCount += 1;
    collectClient(client, `${label}: ${Real.name}`);
    return new Proxy(client, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...callArgs) => {
          let result;
          try {
            result = value.apply(target, callArgs);
          } catch (error) {
            errorCount += 1;
            collectError(error, `${label}: ${String(prop)} (sync)`);
            throw error;
          }
          if (result && typeof result.then === 'function') {
            return result.then((v) => v, (error) => {
              errorCount += 1;
              collectError(error, `${label}: ${String(prop)}`);
              collectClient(target, `${label}: ${Real.name} after an error`);
              throw error;
            });
          }
          return result;
        };
      },
    });
  });
  /** The class's static methods (the sign-ins), their errors recorded too. */
  const withStatics = (Real, Recording) => {
    for (const name of Object.getOwnPropertyNames(Real)) {
      if (typeof Real[name] !== 'function' || name.startsWith('__')) continue;
      Recording[name] = (...args) => Real[name](...args).catch((error) => {
        errorCount += 1;
        collectError(error, `${label}: ${Real.name}.${name}`);
        throw error;
      });
    }
    return Recording;
  };
  return { ...pkg, TiledeskClient: wrap(pkg.TiledeskClient), FlatchrClient: wrap(pkg.FlatchrClient) };
}

// --- Console capture ---------------------------------------------------------------------

const CONSOLE_METHODS = ['log', 'error', 'warn', 'info', 'debug', 'trace'];
const originalConsole = {};
let consoleLines = 0;

function captureConsole() {
  for (const name of CONSOLE_METHODS) {
    originalConsole[name] = console[name];
    console[name] = (...args) => {
      consoleLines += 1;
      add(`console.${name}`, util.format(...args));
      originalConsole[name].apply(console, args);
    };
  }
}

function restoreConsole() {
  for (const name of CONSOLE_METHODS) if (originalConsole[name]) console[name] = originalConsole[name];
}

function leaksIn(entries) {
  const leaks = [];
  for (const { source, text } of entries) {
    for (const secret of FORBIDDEN) {
      if (text.includes(secret)) leaks.push(`${source} contains ${JSON.stringify(secret)}: ${JSON.stringify(text.slice(0, 300))}`);
    }
  }
  return leaks;
}

// --- The sweep --------------------------------------------------------------------------------

let mock;
let closedUrl;

before(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  closedUrl = await closedLoopbackUrl();
  captureConsole();
});

after(async () => {
  restoreConsole();
  await mock?.close();
  console.log(`secrets: strings checked: ${collected.length} (from ${errorCount} errors, ${clientCount} clients, `
    + `${consoleLines} console lines; ${FORBIDDEN.length} forbidden values)`);
});

// The slowest cases (second-long Retry-After waits, the 5 MB body) add no new
// kind of error; leaving them out keeps the sweep short.
const SLOW = /Retry-After: 1\b|HTTP date|5 MB/;

test('sweep: the fault cases, alternating Basic (UTF-8) and JWT auth', async () => {
  const unexpected = [];
  let index = 0;
  for (const testCase of faultCases) {
    if (SLOW.test(testCase.name)) continue;
    index += 1;
    const basic = index % 2 === 1;
    const env = {
      pkg: recordingPkg(realPkg, `fault "${testCase.name}"`),
      mockUrl: mock.url,
      closedUrl,
      tiledeskAuth: basic ? { kind: 'basic', ...GOOD.basic } : { kind: 'jwt', token: `JWT ${GOOD.jwt}` },
      flatchrToken: GOOD.flatchrUser,
    };
    try {
      await runFaultCase(testCase, env);
    } catch (error) {
      collectError(error, `fault "${testCase.name}": case failure`);
      unexpected.push(`${testCase.name} (${basic ? 'basic' : 'jwt'}): ${error?.message}`);
    }
  }
  assert.deepEqual(unexpected, [], 'fault cases that failed under the sweep\'s credentials');
});

test('sweep: the bad-input tables (rejected, sent safely, wrong JS types, sent as JSON)', async () => {
  const env = (label) => ({ pkg: recordingPkg(realPkg, label), mockUrl: mock.url, onError: () => {} });
  for (const row of badInputRows.filter((r) => !r.lean)) await runBadInputRow(row, env(`bad input "${row.name}"`));
  for (const row of safeIdRows.filter((_, i) => i % 4 === 0)) await runSafeIdRow(row, env(`safe id "${row.name}"`));
  for (const row of wrongTypeRows) await runWrongTypeRow(row, env(`wrong type "${row.name}"`));
  for (const row of sentRows.filter((r) => !r.lean)) await runSentRow(row, env(`sent "${row.name}"`));
});

test('sweep: wrong and malformed credentials, answered 401/400 by the servers', async () => {
  const pkg = recordingPkg(realPkg, 'wrong credentials');
  const td = FIXTURES.tiledesk;
  const list = (client) => client.listMessages({ projectId: td.projectId, requestId: td.requestId, retry: false });
  for (const auth of [
    { kind: 'jwt', token: BAD.jwt },
    { kind: 'jwt', token: `JWT ${BAD.jwt}` },
    { kind: 'basic', ...BAD.basic },
    { kind: 'basic', email: GOOD.basic.email, password: `${GOOD.basic.password}-nope` },
  ]) {
    const client = new pkg.TiledeskClient({ baseUrl: `${mock.url}/secrets`, auth });
    const outcome = await settle(list(client));
    assert.equal(outcome.error?.status, 401, `status for ${auth.kind}`);
    const sent = await settle(client.sendMessage({ projectId: td.projectId, requestId: 'secrets', message: { text: 'x' } }));
    assert.equal(sent.error?.status, 401);
    client.free();
  }
  const fc = FIXTURES.flatchr;
  for (const token of [BAD.flatchr, `Bearer ${BAD.flatchr}`]) {
    const client = new pkg.FlatchrClient({ baseUrl: `${mock.url}/secrets`, token });
    const outcome = await settle(client.listMessages({ companyId: fc.companyId, applicantId: fc.applicantId }));
    assert.equal(outcome.error?.status, 401);
    const sent = await settle(client.sendMessage({ companyId: fc.companyId, applicantId: fc.applicantId, message: { html: '<p>x</p>' } }));
    assert.equal(sent.error?.status, 401);
    client.free();
  }
  // The API key may list but not send: 403.
  const keyClient = new pkg.FlatchrClient({ baseUrl: `${mock.url}/secrets`, token: GOOD.flatchrKey });
  const forbidden = await settle(keyClient.sendMessage({ companyId: fc.companyId, applicantId: fc.sendApplicantId, message: { html: '<p>x</p>' } }));
  assert.equal(forbidden.error?.status, 403);
  keyClient.free();
});

test('sweep: good credentials against network errors, timeouts and aborts', async () => {
  const pkg = recordingPkg(realPkg, 'transport failures');
  const td = FIXTURES.tiledesk;
  for (const auth of [{ kind: 'basic', ...GOOD.basic }, { kind: 'jwt', token: GOOD.jwt }]) {
    const refused = new pkg.TiledeskClient({ baseUrl: `${closedUrl}/v3`, auth, retry: { retries: 1, baseDelayMs: 5 } });
    assert.equal((await settle(refused.listMessages({ projectId: td.projectId, requestId: td.requestId }))).error?.kind, 'network');
    assert.equal((await settle(refused.sendMessage({ projectId: td.projectId, requestId: 'r', message: { text: 'x' } }))).error?.kind, 'network');
    refused.free();
    mock.script({ pathIncludes: '/secrets-hang/', hang: true, times: 0 });
    const hanging = new pkg.TiledeskClient({ baseUrl: `${mock.url}/secrets-hang`, auth, timeoutMs: 100, retry: false });
    assert.equal((await settle(hanging.listMessages({ projectId: td.projectId, requestId: td.requestId }))).error?.kind, 'timeout');
    assert.equal((await settle(hanging.listMessages({ projectId: td.projectId, requestId: td.requestId, signal: AbortSignal.timeout(50) }))).error?.kind, 'aborted');
    hanging.free();
  }
});

test('sweep: secrets in options that the client refuses (config errors)', () => {
  const pkg = recordingPkg(realPkg, 'refused options');
  const base = `${mock.url}/secrets`;
  const attempts = [
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'basic', ...BAD.colonPassword } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'basic', email: `${BAD.basic.email}\n`, password: BAD.basic.password } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'basic', email: '', password: BAD.basic.password } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: `${BAD.jwt} ${BAD.jwt}` } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: `JWT JWT ${BAD.jwt}` } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: `${BAD.jwt}\u0000` } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'Bearer', token: BAD.jwt } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: [BAD.jwt] } }),
    () => new pkg.TiledeskClient({ baseUrl: `https://agent:${BAD.urlPassword}@api.example.com/v3`, auth: { kind: 'jwt', token: BAD.jwt } }),
    () => new pkg.TiledeskClient({ baseUrl: `http://agent:${BAD.urlPassword}@127.0.0.1:1/v3`, auth: { kind: 'jwt', token: BAD.jwt } }),
    () => new pkg.TiledeskClient({ baseUrl: `http://api.example.com/v3`, auth: { kind: 'basic', ...BAD.basic } }),
    () => new pkg.TiledeskClient({ baseUrl: base, auth: { kind: 'basic', ...BAD.basic }, timeoutMs: -1 }),
    () => new pkg.FlatchrClient({ baseUrl: base, token: `${BAD.flatchr}\n${BAD.flatchr}` }),
    () => new pkg.FlatchrClient({ baseUrl: base, token: `Bearer ${BAD.flatchr} extra` }),
    () => new pkg.FlatchrClient({ baseUrl: `http://api.example.com`, token: BAD.flatchr }),
    () => new pkg.FlatchrClient({ baseUrl: `https://u:${BAD.urlPassword}@api.flatchr.io`, token: BAD.flatchr }),
    () => new pkg.FlatchrClient(BAD.flatchr),
    () => new pkg.FlatchrClient({ token: [BAD.flatchr] }),
  ];
  for (const [i, make] of attempts.entries()) {
    assert.throws(make, (error) => realPkg.isTidingsError(error) && error.kind === 'config', `attempt ${i}`);
  }
});

/**
 * Scenarios that once leaked (serde's "invalid type: string \"<value>\"" messages
 * echoed the value): checked in their own tests, on their own collection.
 */
function leaksOf(make) {
  const before = collected.length;
  try {
    make();
  } catch {
    // collected by the recording wrapper
  }
  return leaksIn(collected.splice(before));
}

test('no leak: the token passed as `auth` itself (a string instead of { kind, token })', () => {
  const pkg = recordingPkg(realPkg, 'auth as a string');
  const leaks = [
    ...leaksOf(() => new pkg.TiledeskClient({ baseUrl: `${mock.url}/secrets`, auth: `JWT ${BAD.jwt}` })),
    ...leaksOf(() => new pkg.TiledeskClient({ baseUrl: `${mock.url}/secrets`, auth: BAD.jwt })),
  ];
  assert.deepEqual(leaks, []);
});

test('no leak: a credential inside an object where a string is expected', () => {
  const pkg = recordingPkg(realPkg, 'credential in an object');
  const leaks = [
    ...leaksOf(() => new pkg.FlatchrClient({ baseUrl: `${mock.url}/secrets`, token: { value: BAD.flatchr } })),
    ...leaksOf(() => new pkg.TiledeskClient({ baseUrl: `${mock.url}/secrets`, auth: { kind: 'jwt', token: { jwt: BAD.jwt } } })),
    ...leaksOf(() => new pkg.TiledeskClient({ baseUrl: `${mock.url}/secrets`, auth: { kind: 'basic', email: BAD.basic.email, password: { secret: BAD.basic.password } } })),
  ];
  assert.deepEqual(leaks, []);
});

test('sweep: sign-in passwords, refused, wrong, failed, timed out, invalid', async () => {
  const collect = async (promise, source) => {
    const outcome = await settle(promise);
    if (outcome.error) {
      errorCount += 1;
      collectError(outcome.error, `sign-in: ${source}`);
    }
    return outcome;
  };
  const { TiledeskClient, FlatchrClient } = realPkg;
  const tiledeskBase = `${mock.url}/secrets`;
  for (const credentials of [BAD.basic, { email: GOOD.basic.email, password: `${GOOD.basic.password}-nope` }]) {
    assert.equal((await collect(TiledeskClient.signIn({ ...credentials, baseUrl: tiledeskBase }), 'wrong')).error?.status, 401);
    assert.equal((await collect(FlatchrClient.logIn({ ...credentials, baseUrl: tiledeskBase }), 'wrong (Flatchr)')).error?.status, 401);
  }
  for (const credentials of [BAD.basic, GOOD.basic, BAD.colonPassword]) {
    mock.script({ method: 'POST', pathIncludes: '/secrets-500/', status: 500, json: { success: false, msg: 'boom', err: {} } });
    assert.equal((await collect(TiledeskClient.signIn({ ...credentials, baseUrl: `${mock.url}/secrets-500` }), '500')).error?.status, 500);
    assert.equal((await collect(TiledeskClient.signIn({ ...credentials, baseUrl: `${closedUrl}/v3` }), 'refused')).error?.kind, 'network');
    mock.script({ method: 'POST', pathIncludes: '/secrets-hang/', hang: true });
    assert.equal((await collect(FlatchrClient.logIn({ ...credentials, baseUrl: `${mock.url}/secrets-hang`, timeoutMs: 100 }), 'timeout')).error?.kind, 'timeout');
    for (const bad of [
      { ...credentials, email: '' },
      { ...credentials, baseUrl: 'http://tiledesk.example' },
      { ...credentials, baseUrl: `https://agent:${credentials.password}@api.example.com` },
      { ...credentials, colour: credentials.password },
      { ...credentials, fetch: credentials.password },
      { ...credentials, password: [credentials.password] },
    ]) {
      const outcome = await collect(TiledeskClient.signIn(bad), 'invalid');
      assert.ok(['invalidInput', 'config'].includes(outcome.error?.kind), JSON.stringify(outcome.error?.kind));
    }
  }
});

test('no credential in any error, client or console line collected by the sweep', async () => {
  // The careless-caller rows run last: one the package does not handle may leave
  // the wasm instance unusable. bad-input.test.mjs reports their failures; here
  // what they produce (errors, failures) is collected and checked too.
  const env = (label) => ({ pkg: recordingPkg(realPkg, label), mockUrl: mock.url, onError: () => {} });
  for (const row of badInputRows.filter((r) => r.lean)) {
    await runBadInputRow(row, env(`bad input "${row.name}"`)).catch((error) => collectError(error, `bad input "${row.name}": row failure`));
  }
  for (const row of sentRows.filter((r) => r.lean)) {
    await runSentRow(row, env(`sent "${row.name}"`)).catch((error) => collectError(error, `sent "${row.name}": row failure`));
  }
  assert.ok(collected.length > 1000, `only ${collected.length} strings collected`);
  assert.ok(errorCount > 300, `only ${errorCount} errors collected`);
  const leaks = leaksIn(collected);
  assert.deepEqual(leaks.slice(0, 20), [], `${leaks.length} leaks`);
  console.log(`secrets: ${collected.length} strings checked against ${FORBIDDEN.length} forbidden values, no leak`);
});
