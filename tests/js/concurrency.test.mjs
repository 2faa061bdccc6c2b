// Concurrency: 1,000 concurrent listMessages calls from ONE
// client against the mock, in Node, all resolve with the content of their own
// request. The request ids vary: the seed request, the "extras" request, unknown
// ids (200 []), scripted ids whose single answer names the id, and the bulk
// request of 1,000 messages.
//
//   node --test tests/js/concurrency.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as pkg from '../../pkg/node.mjs';
import {
  startMockServer, TILEDESK_PROJECT_ID, TILEDESK_REQUEST_ID, TILEDESK_EXTRAS_REQUEST_ID, TILEDESK_BULK_REQUEST_ID,
  TILEDESK_JWT, TILEDESK_SEED_MESSAGES, TILEDESK_EXTRAS_MESSAGES, TILEDESK_BULK_MESSAGES,
} from '../mock/server.mjs';

const CALLS = 1000;
let mock;

before(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
});

after(async () => {
  await mock?.close();
});

/** A wire message whose id and text identify the request and the call. */
function scriptedMessage(requestId, i, k) {
  return {
    _id: (i * 10 + k).toString(16).padStart(24, '0'),
    sender: 'system',
    senderFullname: 'Concurrency',
    recipient: requestId,
    text: `call ${i} message ${k} for ${requestId}`,
    id_project: TILEDESK_PROJECT_ID,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, k)).toISOString(),
    status: 100 + k,
    __v: 0,
  };
}

/** What call i asks for, and how to check its answer. */
function plan(i, tag) {
  switch (i % 5) {
    case 0:
      return {
        requestId: TILEDESK_REQUEST_ID,
        check: (messages) => assert.deepEqual(
          messages.map((m) => [m.id, m.text, m.status]),
          TILEDESK_SEED_MESSAGES.map((m) => [m._id, m.text, m.status]),
        ),
      };
    case 1:
      return {
        requestId: TILEDESK_EXTRAS_REQUEST_ID,
        check: (messages) => {
          assert.equal(messages.length, 1);
          const [m] = messages;
          const wire = TILEDESK_EXTRAS_MESSAGES[0];
          assert.deepEqual([m.id, m.status, m.type, m.channelType, m.text], [wire._id, 42, 'image', 'direct', wire.text]);
          assert.deepEqual(m.extra?.future_field, wire.future_field);
        },
      };
    case 2:
      return { requestId: `support-group-unknown-${tag}-${i}`, check: (messages) => assert.deepEqual(messages, []) };
    case 3: {
      const requestId = `support-group-scripted-${tag}-${i}`;
      const n = 1 + (i % 3);
      const wire = Array.from({ length: n }, (_, k) => scriptedMessage(requestId, i, k));
      return {
        requestId,
        script: { method: 'GET', pathIncludes: `/requests/${requestId}/`, json: wire, times: 1 },
        check: (messages) => assert.deepEqual(
          messages.map((m) => [m.id, m.text, m.recipient, m.status]),
          wire.map((m) => [m._id, m.text, requestId, m.status]),
        ),
      };
    }
    default:
      if (i % 50 === 4) {
        return {
          requestId: TILEDESK_BULK_REQUEST_ID,
          check: (messages) => {
            assert.equal(messages.length, TILEDESK_BULK_MESSAGES.length);
            assert.equal(messages[0].id, TILEDESK_BULK_MESSAGES[0]._id);
            assert.equal(messages.at(-1).id, TILEDESK_BULK_MESSAGES.at(-1)._id);
            assert.equal(messages[500].text, TILEDESK_BULK_MESSAGES[500].text);
          },
        };
      }
      // A request id with characters that must be percent-encoded; unknown: [].
      return { requestId: `support group/${tag}-${i}?é#`, check: (messages) => assert.deepEqual(messages, []) };
  }
}

test(`${CALLS} concurrent listMessages calls from one client all resolve with their own content`, async () => {
  const client = new pkg.TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: TILEDESK_JWT } });
  const plans = Array.from({ length: CALLS }, (_, i) => plan(i, 'a'));
  for (const p of plans) if (p.script) mock.script(p.script);

  const started = performance.now();
  const outcomes = await Promise.allSettled(
    plans.map((p) => client.listMessages({ projectId: TILEDESK_PROJECT_ID, requestId: p.requestId })),
  );
  const ms = Math.round(performance.now() - started);

  const failures = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected') {
      failures.push(`call ${i} (${plans[i].requestId}) rejected: ${outcome.reason?.kind} ${outcome.reason?.message}`);
      return;
    }
    try {
      plans[i].check(outcome.value);
    } catch (error) {
      failures.push(`call ${i} (${plans[i].requestId}) got the wrong content: ${error.message.slice(0, 300)}`);
    }
  });
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${CALLS} calls failed`);

  // Every call reached the server exactly once (no retry was needed), with its own id.
  const log = mock.requests({ pathIncludes: '/v3/' });
  assert.equal(log.length, CALLS, 'requests the mock received');
  const seen = new Map();
  for (const entry of log) seen.set(entry.segments[3], (seen.get(entry.segments[3]) ?? 0) + 1);
  const expected = new Map();
  for (const p of plans) expected.set(p.requestId, (expected.get(p.requestId) ?? 0) + 1);
  assert.deepEqual(seen, expected, 'request ids received by the mock');

  // The client still works afterwards.
  const after = await client.listMessages({ projectId: TILEDESK_PROJECT_ID, requestId: TILEDESK_REQUEST_ID });
  assert.equal(after.length, 2);
  client.free();
  console.log(`concurrency: ${CALLS} concurrent listMessages calls resolved correctly in ${ms} ms`);
});

test('1,000 concurrent calls, one in ten failing (scripted 503 once): all still resolve correctly', async () => {
  const client = new pkg.TiledeskClient({
    baseUrl: `${mock.url}/v3b`, auth: { kind: 'jwt', token: TILEDESK_JWT }, retry: { baseDelayMs: 20 },
  });
  const plans = Array.from({ length: CALLS }, (_, i) => plan(i, 'b'));
  for (const p of plans) if (p.script) mock.script(p.script);
  // One in ten calls (those with a unique unknown request id) first gets a 503.
  plans.forEach((p, i) => {
    if (i % 10 === 7) mock.script({ method: 'GET', pathIncludes: `/v3b/${TILEDESK_PROJECT_ID}/requests/${p.requestId}/`, status: 503, times: 1 });
  });
  const outcomes = await Promise.allSettled(
    plans.map((p) => client.listMessages({ projectId: TILEDESK_PROJECT_ID, requestId: p.requestId })),
  );
  const failures = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected') {
      failures.push(`call ${i} (${plans[i].requestId}) rejected: ${outcome.reason?.kind} ${outcome.reason?.message}`);
      return;
    }
    try {
      plans[i].check(outcome.value);
    } catch (error) {
      failures.push(`call ${i} (${plans[i].requestId}): ${error.message.slice(0, 300)}`);
    }
  });
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${CALLS} calls failed`);
  assert.equal(mock.requests({ pathIncludes: '/v3b/' }).length, CALLS + CALLS / 10, 'requests (one retry per flaky call)');
  client.free();
});
