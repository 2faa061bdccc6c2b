// The bad-input tables (tests/js/faults/bad-inputs.mjs) against the built package
// in Node; tests/browser/faults.test.mjs runs the same rows in Chromium:
//  - rows rejected before any request (kind invalidInput/config, `field` named,
//    the mock receives nothing), for both providers;
//  - odd ids that must be sent safely (one percent-encoded segment, no query);
//  - arguments of the wrong JavaScript type (a TidingsError, never a synchronous
//    throw from a method, never a crash; the client keeps working);
//  - unusual but valid values, and the JSON the mock must receive for them.
//
//   node --test tests/js/bad-input.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as pkg from '../../pkg/node.mjs';
import { startMockServer } from '../mock/server.mjs';
import {
  badInputRows, safeIdRows, wrongTypeRows, sentRows, runBadInputRow, runSafeIdRow, runWrongTypeRow, runSentRow, expectWorks,
  goodClientOptions, expectNamedField,
} from './faults/bad-inputs.mjs';
import { FIXTURES } from './faults/shared.mjs';

let mock;
let env;
const tried = { rejected: 0, safe: 0, wrongType: 0, other: 0 };

before(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
  env = { pkg, mockUrl: mock.url };
});

after(async () => {
  await mock?.close();
  const total = tried.rejected + tried.safe + tried.wrongType + tried.other;
  console.log(`bad inputs tried: ${total} (rejected before sending: ${tried.rejected}, sent safely: ${tried.safe}, `
    + `wrong JS types: ${tried.wrongType}, other: ${tried.other})`);
});

function rejectedTest(row) {
  test(`rejected before sending: ${row.name} -> ${row.expect.kind} ${row.expect.field}`, row.todo ? { todo: row.todo } : {}, async () => {
    tried.rejected += 1;
    await runBadInputRow(row, env);
  });
}

function sentTest(row) {
  test(`sent as JSON: ${row.name}`, async () => {
    tried.other += 1;
    await runSentRow(row, env);
  });
}

badInputRows.filter((row) => !row.lean).forEach(rejectedTest);

for (const row of safeIdRows) {
  test(`sent safely: ${row.name}`, async () => {
    tried.safe += 1;
    await runSafeIdRow(row, env);
  });
}

sentRows.filter((row) => !row.lean).forEach(sentTest);

const wrongTypeErrors = new Map();
for (const row of wrongTypeRows) {
  test(`wrong JS type: ${row.name} -> ${row.expect.kind}`, async () => {
    tried.wrongType += 1;
    wrongTypeErrors.set(row, await runWrongTypeRow(row, env));
  });
}
for (const row of wrongTypeRows) {
  test(`wrong JS type: ${row.name} -> names field ${row.field}`, row.fieldTodo ? { todo: row.fieldTodo } : {}, () => {
    assert.ok(wrongTypeErrors.has(row), 'the row itself failed');
    expectNamedField(row, wrongTypeErrors.get(row));
  });
}

// --- What must still be accepted ------------------------------------------------------

test('accepted: plain http for loopback hosts, and for any host with allowInsecureHttp: true', async () => {
  tried.other += 1;
  const port = new URL(mock.url).port;
  for (const baseUrl of [`http://127.0.0.1:${port}/v3`, `http://localhost:${port}/v3/`, `HTTP://LOCALHOST:${port}/api`]) {
    const client = new pkg.TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: FIXTURES.tiledesk.jwt } });
    await expectWorks('tiledesk', client, `client on ${baseUrl}`);
    assert.ok(!client.baseUrl.endsWith('/'), `baseUrl normalised: ${client.baseUrl}`);
    client.free();
  }
  const insecure = new pkg.TiledeskClient({
    baseUrl: 'http://api.example.com/v3', allowInsecureHttp: true, auth: { kind: 'jwt', token: FIXTURES.tiledesk.jwt },
  });
  assert.equal(insecure.baseUrl, 'http://api.example.com/v3');
  insecure.free();
  const flatchr = new pkg.FlatchrClient({ baseUrl: 'http://10.0.0.5:8080', allowInsecureHttp: true, token: FIXTURES.flatchr.apiKey });
  flatchr.free();
});

test('accepted: a Basic password with non-ASCII characters, and a JWT with or without its prefix', async () => {
  tried.other += 1;
  const base = `${mock.url}/accepted`;
  for (const auth of [
    { kind: 'basic', email: 'ZOË@example.com', password: 'pässwörd✓' },
    { kind: 'jwt', token: `JWT ${FIXTURES.tiledesk.jwt}` },
    { kind: 'jwt', token: `jwt ${FIXTURES.tiledesk.jwt}` },
  ]) {
    const client = new pkg.TiledeskClient({ baseUrl: base, auth });
    await expectWorks('tiledesk', client, `client with ${auth.kind} auth`);
    client.free();
  }
});

test('a method called on a freed client rejects with a TidingsError and other clients keep working', async () => {
  tried.other += 1;
  const client = new pkg.TiledeskClient(goodClientOptions('tiledesk', mock.url));
  client.free();
  let promise;
  try {
    promise = client.listMessages({ projectId: FIXTURES.tiledesk.projectId, requestId: FIXTURES.tiledesk.requestId });
    promise.catch(() => {}); // handled below, after the other client's check
  } finally {
    const other = new pkg.TiledeskClient(goodClientOptions('tiledesk', mock.url));
    await expectWorks('tiledesk', other, 'another client after the use-after-free');
    other.free();
  }
  await assert.rejects(promise, (error) => pkg.isTidingsError(error) && error.kind === 'config' && /after free\(\)/.test(error.message));
  assert.throws(() => client.baseUrl, (error) => pkg.isTidingsError(error) && error.kind === 'config');
});

test('a lone surrogate is refused in a runtime without String.prototype.isWellFormed too (the regular-expression fallback)', async () => {
  tried.other += 1;
  const { isWellFormed } = String.prototype;
  delete String.prototype.isWellFormed;
  try {
    const client = new pkg.TiledeskClient(goodClientOptions('tiledesk', mock.url));
    const error = await client.listMessages({ projectId: FIXTURES.tiledesk.projectId, requestId: 'req\ud800' }).then(() => assert.fail('resolved'), (e) => e);
    assert.equal(error.kind, 'invalidInput');
    assert.equal(error.field, 'requestId');
    const accepted = await client.listMessages({ projectId: FIXTURES.tiledesk.projectId, requestId: FIXTURES.tiledesk.requestId });
    assert.ok(Array.isArray(accepted), 'a well-formed id with the fallback is sent');
  } finally {
    String.prototype.isWellFormed = isWellFormed; // eslint-disable-line no-extend-native
  }
});

test('thousands of refused constructors in a row leave the module working (no throw crosses the wasm)', async () => {
  tried.other += 1;
  // A throw out of the wasm would skip each Rust frame's epilogue and keep its
  // share of the shadow stack: a few thousand would overflow it.
  for (let i = 0; i < 10_000; i++) {
    assert.throws(() => new pkg.TiledeskClient({}), (error) => pkg.isTidingsError(error) && error.kind === 'config');
  }
  const client = new pkg.TiledeskClient(goodClientOptions('tiledesk', mock.url));
  await expectWorks('tiledesk', client, 'a client after 10,000 refused constructors');
  client.free();
});

test('an option getter that throws a proxy whose getPrototypeOf throws is a config error, every time', async () => {
  tried.other += 1;
  const hostile = new Proxy({}, { getPrototypeOf() { throw new Error('a trap of the proxy'); } });
  for (let i = 0; i < 5_000; i++) {
    const options = { baseUrl: mock.url, get auth() { throw hostile; } };
    assert.throws(() => new pkg.TiledeskClient(options), (error) => pkg.isTidingsError(error) && error.kind === 'config' && error.field === 'auth');
  }
  const client = new pkg.TiledeskClient(goodClientOptions('tiledesk', mock.url));
  await expectWorks('tiledesk', client, 'a client after 5,000 hostile throws');
  client.free();
});

// --- A careless caller ------------------------------------------------------------------
// Last: a row the package does not handle may leave the wasm instance unusable,
// which would fail every test after it.

badInputRows.filter((row) => row.lean).forEach(rejectedTest);
sentRows.filter((row) => row.lean).forEach(sentTest);
