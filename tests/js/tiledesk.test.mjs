// TiledeskClient (built package, Node ESM entry) against the mock server.
// What the mock RECEIVED is checked as well as what the client returned.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TiledeskClient,
  isTidingsError,
  startMock,
  tiledeskClient,
  recording,
  rejectsWith,
  throwsWith,
  assertTidingsError,
  assertNoSecret,
  dumpError,
  lastRequest,
  decodeBasic,
  countingFetch,
  TILEDESK_PROJECT_ID as P,
  TILEDESK_REQUEST_ID as R,
  TILEDESK_EXTRAS_REQUEST_ID,
  TILEDESK_BULK_REQUEST_ID,
  TILEDESK_BULK_SIZE,
  TILEDESK_JWT,
  TILEDESK_CREDENTIALS,
  TILEDESK_SEED_MESSAGES,
  TILEDESK_EXTRAS_MESSAGES,
} from './helpers.mjs';

const OBJECT_ID = /^[0-9a-f]{24}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const LIST_PATH = `/v3/${P}/requests/${R}/messages`;

let mock;
/** The default client: JWT, `/v3` prefix, retries off. */
let client;

before(async () => {
  mock = await startMock();
  client = tiledeskClient(mock);
});
after(() => mock?.close());

/** A request id unique to one test, so the request log and the data never mix. */
let counter = 0;
const freshRequestId = (label) => `support-group-${label}-${process.pid}-${++counter}`;

// ---------------------------------------------------------------------------
describe('listMessages', () => {
  test('returns the two seed messages, oldest first, mapped to the JS model', async () => {
    const { value: messages, error, sent } = await recording(mock, () => client.listMessages({ projectId: P, requestId: R }));
    assert.equal(error, undefined, error && dumpError(error));
    assert.ok(Array.isArray(messages));
    assert.equal(messages.length, 2);

    const [first, second] = messages;
    const [seed1, seed2] = TILEDESK_SEED_MESSAGES;
    assert.equal(first.id, '5c81593adf767b0017d1aa68');
    assert.equal(second.id, '5c81593adf767b0017d1aa69');
    assert.equal(first.senderFullname, 'Guest');
    assert.equal(second.senderFullname, 'Bot');
    assert.equal(first.text, 'test56');
    assert.equal(second.text, 'La stiamo mettendo in contatto con un operatore. Attenda...');
    for (const [message, seed] of [[first, seed1], [second, seed2]]) {
      assert.equal(message.status, 200);
      assert.equal(message.statusName, 'received');
      assert.equal(message.projectId, P);
      assert.equal(message.sender, seed.sender);
      assert.equal(message.recipient, R);
      assert.equal(message.createdBy, seed.createdBy);
      assert.equal(typeof message.createdAt, 'string');
      assert.equal(message.createdAt, seed.createdAt);
      assert.equal(message.updatedAt, seed.updatedAt);
      assert.equal(message.version, 0);
      // Wire names are mapped, not duplicated.
      assert.equal(message._id, undefined);
      assert.equal(message.id_project, undefined);
      assert.equal(message.__v, undefined);
      // Nothing unknown in the seed: no `extra` bag (or an empty one).
      assert.ok(message.extra === undefined || Object.keys(message.extra).length === 0, JSON.stringify(message.extra));
    }
    assert.ok(Date.parse(first.createdAt) < Date.parse(second.createdAt), 'oldest first');

    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, 'GET');
    assert.equal(sent[0].rawPath, LIST_PATH);
    assert.deepEqual(sent[0].query, {});
    assert.equal(sent[0].headers.authorization, `JWT ${TILEDESK_JWT}`);
    assert.equal(sent[0].body, '');
  });

  test('an unknown request gives []', async () => {
    const requestId = freshRequestId('unknown');
    const messages = await client.listMessages({ projectId: P, requestId });
    assert.deepEqual(messages, []);
    assert.equal(lastRequest(mock, requestId).rawPath, `/v3/${P}/requests/${requestId}/messages`);
  });

  test('the extras message: open enums, optional fields and unknown fields are kept', async () => {
    const [message, ...rest] = await client.listMessages({ projectId: P, requestId: TILEDESK_EXTRAS_REQUEST_ID });
    assert.equal(rest.length, 0);
    const seed = TILEDESK_EXTRAS_MESSAGES[0];
    assert.equal(message.id, seed._id);
    assert.equal(message.status, 42, 'an unknown status number is kept');
    assert.equal(message.statusName, 'unknown');
    assert.equal(message.type, 'image');
    assert.equal(message.channelType, 'direct');
    assert.deepEqual(message.channel, { name: 'chat21' });
    assert.deepEqual(message.metadata, { src: 'https://files.example/screenshot.png', width: 640, height: 480 });
    assert.deepEqual(message.attributes, { subtype: 'info' });
    assert.equal(message.language, 'it');
    assert.equal(message.recipientFullname, 'Zoë Example');
    assert.equal(message.senderFullname, 'Support Bot');
    assert.equal(message.text, 'Here is the screenshot you asked for');
    assert.equal(message.createdAt, '2023-07-19T14:05:00.000Z');
    assert.equal(message.channel_type, undefined);
    assert.ok(message.extra, 'unknown fields go to `extra`');
    assert.deepEqual(message.extra.reactions, { '+1': 2 });
    assert.deepEqual(message.extra.future_field, [1, 'a']);
    // Known fields are not duplicated into `extra`.
    for (const known of ['_id', 'status', 'type', 'channel_type', 'metadata', 'id_project', '__v', 'createdAt']) {
      assert.equal(Object.hasOwn(message.extra, known), false, `extra.${known}`);
    }
  });

  test('every documented status number has its name', async () => {
    const names = { '-100': 'failed', 0: 'sending', 100: 'sent', 150: 'delivered', 200: 'received', 250: 'returnReceipt', 300: 'seen', 42: 'unknown', 201: 'unknown' };
    const requestId = freshRequestId('statuses');
    const wire = Object.keys(names).map((status, i) => ({
      ...TILEDESK_SEED_MESSAGES[0],
      _id: `aaaaaaaaaaaaaaaaaaaaaa${String(i).padStart(2, '0')}`,
      recipient: requestId,
      status: Number(status),
    }));
    mock.script({ method: 'GET', pathIncludes: requestId, json: wire });
    const messages = await client.listMessages({ projectId: P, requestId });
    assert.deepEqual(
      messages.map((m) => [m.status, m.statusName]),
      Object.entries(names).map(([status, name]) => [Number(status), name]),
    );
  });

  test('a status spelt as a decimal or with an exponent is named by its value', async () => {
    // The transform reads these through the host's JSON.parse (1e400, out of
    // range, is a decode error, as serde_json makes it).
    const spellings = { '2e2': 'received', '200.0': 'received', '1.5e2': 'delivered', '-1E2': 'failed', '0.5': 'unknown', '3.0e2': 'seen' };
    const requestId = freshRequestId('spelt-statuses');
    const wire = Object.keys(spellings).map((status, i) => JSON.stringify({
      ...TILEDESK_SEED_MESSAGES[0],
      _id: `bbbbbbbbbbbbbbbbbbbbbb${String(i).padStart(2, '0')}`,
      recipient: requestId,
      status: `@${i}@`,
    }).replace(`"@${i}@"`, status));
    mock.script({ method: 'GET', pathIncludes: requestId, status: 200, body: `[${wire.join(',')}]`, contentType: 'application/json' });
    const messages = await client.listMessages({ projectId: P, requestId });
    assert.deepEqual(
      messages.map((m) => [m.status, m.statusName]),
      Object.entries(spellings).map(([status, name]) => [Number(status), name]),
    );
  });

  test('1,000 messages come back complete and oldest first', async () => {
    const messages = await client.listMessages({ projectId: P, requestId: TILEDESK_BULK_REQUEST_ID });
    assert.equal(messages.length, TILEDESK_BULK_SIZE);
    for (let i = 1; i < messages.length; i += 1) {
      assert.ok(messages[i - 1].createdAt <= messages[i].createdAt, `order at ${i}`);
    }
  });
});

// ---------------------------------------------------------------------------
describe('getMessage', () => {
  test('returns one message by id', async () => {
    const messageId = '5c81593adf767b0017d1aa69';
    const { value: message, sent } = await recording(mock, () => client.getMessage({ projectId: P, requestId: R, messageId }));
    assert.equal(message.id, messageId);
    assert.equal(message.senderFullname, 'Bot');
    assert.equal(message.sender, 'system');
    assert.equal(message.statusName, 'received');
    assert.equal(message.projectId, P);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, 'GET');
    assert.equal(sent[0].rawPath, `${LIST_PATH}/${messageId}`);
    assert.equal(sent[0].headers.authorization, `JWT ${TILEDESK_JWT}`);
  });

  test('unknown id: http 404 with the JSON body, not retried, useful message', async () => {
    const messageId = '5c81593adf767b0017d1aa00';
    const { error, sent } = await recording(mock, () => tiledeskClient(mock, { retry: true }).getMessage({ projectId: P, requestId: R, messageId }));
    assertTidingsError(error, {
      kind: 'http',
      status: 404,
      provider: 'tiledesk',
      body: { success: false, msg: 'Object not found.' },
      attempts: 1,
      messageIncludes: ['404', 'Object not found'],
    });
    assert.equal(sent.length, 1, 'a 404 is not retried');
    assertNoSecret(dumpError(error), [TILEDESK_JWT], '404 error');
  });

  test('malformed id: http 500 with the JSON body', async () => {
    const error = await rejectsWith(client.getMessage({ projectId: P, requestId: R, messageId: 'not-an-object-id' }), {
      kind: 'http',
      status: 500,
      provider: 'tiledesk',
      body: { success: false, msg: 'Error getting object.' },
      attempts: 1,
      messageIncludes: ['500', 'Error getting object'],
    });
    assert.equal(error.field, undefined);
  });

  test('a 500 on a GET is retried when retries are on', async () => {
    const { error, sent } = await recording(mock, () => tiledeskClient(mock, { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } })
      .getMessage({ projectId: P, requestId: R, messageId: 'still-not-an-object-id' }));
    assertTidingsError(error, { kind: 'http', status: 500, attempts: 2 });
    assert.equal(sent.length, 2);
  });

  test('plain-text and HTML error bodies are kept as raw text', async () => {
    const requestId = freshRequestId('html');
    mock.script({ pathIncludes: requestId, status: 502, html: true });
    const error = await rejectsWith(client.listMessages({ projectId: P, requestId }), { kind: 'http', status: 502 });
    assert.equal(typeof error.body, 'string');
    assert.match(error.body, /<h1>502 Bad Gateway<\/h1>/);
  });

  test('a 200 that is not JSON rejects with kind decode', async () => {
    const requestId = freshRequestId('decode');
    mock.script({ pathIncludes: requestId, status: 200, body: '[{"_id": "trunc', contentType: 'application/json' });
    await rejectsWith(client.listMessages({ projectId: P, requestId }), { kind: 'decode', provider: 'tiledesk' });
  });

  test('a 200 with a field of the wrong type rejects with kind decode naming the field and the byte', async () => {
    const requestId = freshRequestId('decode-type');
    const body = '[{"_id":"a","text":"ok"},{"_id":"b","sender":5}]';
    mock.script({ pathIncludes: requestId, status: 200, body, contentType: 'application/json' });
    const error = await rejectsWith(client.listMessages({ projectId: P, requestId }), { kind: 'decode', provider: 'tiledesk', status: 200 });
    assert.match(error.message, /\[1\]\.sender: expected a string or null, found a number \(at byte 45\)/);
    assert.equal(body[45], '5');
  });

  test('non-ASCII text and escapes in an answer come back as the same strings', async () => {
    const requestId = freshRequestId('decode-unicode');
    const text = 'é€😀 \u2028 "quoted" \\ tab\t';
    const body = JSON.stringify([{ _id: 'u1', text, attributes: { 'ключ': text }, unknown_é: [text] }]);
    mock.script({ pathIncludes: requestId, status: 200, body, contentType: 'application/json' });
    const [message] = await client.listMessages({ projectId: P, requestId });
    assert.equal(message.text, text);
    assert.deepEqual(message.attributes, { 'ключ': text });
    assert.deepEqual(message.extra, { unknown_é: [text] });
  });
});

// ---------------------------------------------------------------------------
describe('sendMessage', () => {
  test('text message: wire body, response model, then get and list find it', async () => {
    const requestId = freshRequestId('send-text');
    const attributes = { custom_attribute1: 'value1', nested: { n: 1 } };
    const { value: sentMessage, error, sent } = await recording(mock, () => client.sendMessage({
      projectId: P,
      requestId,
      message: {
        text: 'hello from tidings ✓',
        departmentId: 'dep-42',
        sourcePage: 'https://shop.example/checkout',
        language: 'it',
        userAgent: 'tidings-test/1.0',
        attributes,
      },
    }));
    assert.equal(error, undefined, error && dumpError(error));

    // What the server received.
    assert.equal(sent.length, 1);
    const received = sent[0];
    assert.equal(received.method, 'POST');
    assert.equal(received.rawPath, `/v3/${P}/requests/${requestId}/messages`);
    assert.match(received.headers['content-type'], /^application\/json\b/);
    assert.equal(received.headers.authorization, `JWT ${TILEDESK_JWT}`);
    const body = JSON.parse(received.body);
    assert.equal(body.text, 'hello from tidings ✓');
    assert.equal(body.type, 'text', 'type defaults to "text"');
    assert.equal(body.departmentid, 'dep-42', 'wire name departmentid');
    assert.equal(body.departmentId, undefined, 'not the JS name');
    assert.equal(body.sourcePage, 'https://shop.example/checkout');
    assert.equal(body.language, 'it');
    assert.equal(body.userAgent, 'tidings-test/1.0');
    assert.deepEqual(body.attributes, attributes);

    // What the client returned.
    assert.match(sentMessage.id, OBJECT_ID);
    assert.equal(sentMessage.text, 'hello from tidings ✓');
    assert.equal(sentMessage.status, 0);
    assert.equal(sentMessage.statusName, 'sending');
    assert.equal(sentMessage.type, 'text');
    assert.equal(sentMessage.recipient, requestId);
    assert.equal(sentMessage.projectId, P);
    assert.equal(sentMessage.senderFullname, 'Andrea Leo');
    assert.deepEqual(sentMessage.attributes, attributes);
    assert.match(sentMessage.createdAt, ISO);
    assert.ok(sentMessage.request && typeof sentMessage.request === 'object', 'the populated request is kept');
    assert.equal(sentMessage.request.request_id, requestId);
    assert.equal(sentMessage.request.departmentid, 'dep-42');
    assert.equal(sentMessage.request.sourcePage, 'https://shop.example/checkout');
    assert.equal(sentMessage.request.userAgent, 'tidings-test/1.0');
    assert.equal(sentMessage.extra?.request, undefined, 'request is not duplicated into extra');

    const fetched = await client.getMessage({ projectId: P, requestId, messageId: sentMessage.id });
    assert.equal(fetched.id, sentMessage.id);
    assert.equal(fetched.text, 'hello from tidings ✓');
    assert.equal(fetched.statusName, 'sending');
    assert.equal(fetched.request, undefined);

    const listed = await client.listMessages({ projectId: P, requestId });
    assert.deepEqual(listed.map((m) => m.id), [sentMessage.id]);
  });

  test('first-message fields that are not given are not sent', async () => {
    const requestId = freshRequestId('send-minimal');
    const { sent } = await recording(mock, () => client.sendMessage({ projectId: P, requestId, message: { text: 'just text' } }));
    const body = JSON.parse(sent[0].body);
    assert.equal(body.text, 'just text');
    assert.equal(body.type, 'text');
    for (const key of ['departmentid', 'departmentId', 'sourcePage', 'userAgent', 'metadata']) {
      assert.equal(body[key] ?? undefined, undefined, `${key} should be absent`);
    }
  });

  test('image message with metadata {src, width, height}', async () => {
    const requestId = freshRequestId('send-image');
    const metadata = { src: 'https://www.tiledesk.com/logo.png', width: 200, height: 100 };
    const { value: message, sent } = await recording(mock, () => client.sendMessage({
      projectId: P,
      requestId,
      message: { type: 'image', text: 'the logo', metadata },
    }));
    const body = JSON.parse(sent[0].body);
    assert.equal(body.type, 'image');
    assert.deepEqual(body.metadata, metadata);
    assert.equal(message.type, 'image');
    assert.deepEqual(message.metadata, metadata);
    const fetched = await client.getMessage({ projectId: P, requestId, messageId: message.id });
    assert.deepEqual(fetched.metadata, metadata);
  });

  test('file message with metadata {src, name, type} and an open type string', async () => {
    const requestId = freshRequestId('send-file');
    const metadata = { src: 'https://files.example/cv.pdf', name: 'cv.pdf', type: 'application/pdf', pages: 2 };
    const { value: message, sent } = await recording(mock, () => client.sendMessage({
      projectId: P,
      requestId,
      message: { type: 'file', text: 'my CV', metadata },
      timeoutMs: 3000,
    }));
    assert.deepEqual(JSON.parse(sent[0].body).metadata, metadata, 'unknown metadata keys are sent too');
    assert.equal(message.type, 'file');

    const frame = await client.sendMessage({ projectId: P, requestId, message: { type: 'frame', text: 'iframe', metadata: { src: 'https://x.example' } } });
    assert.equal(frame.type, 'frame');
  });

  test('a failed POST is not retried and may have been sent', async () => {
    const requestId = freshRequestId('send-500');
    mock.script({ method: 'POST', pathIncludes: requestId, status: 500, json: { success: false, msg: 'Error creating message', err: {} } });
    const { error, sent } = await recording(mock, () => tiledeskClient(mock, { retry: { retries: 3, baseDelayMs: 1 } })
      .sendMessage({ projectId: P, requestId, message: { text: 'once only' } }));
    assertTidingsError(error, {
      kind: 'http',
      status: 500,
      provider: 'tiledesk',
      attempts: 1,
      mayHaveBeenSent: true,
      body: { success: false, msg: 'Error creating message', err: {} },
    });
    assert.equal(sent.length, 1, 'never retried');
  });

  test('a 422 from the server keeps its errors body', async () => {
    // Client validation stops an empty text before the server sees it, so the
    // server-side 422 is reproduced with a scripted answer.
    const requestId = freshRequestId('send-422');
    mock.script({ method: 'POST', pathIncludes: requestId, status: 422, json: { errors: ['text field is required'] } });
    await rejectsWith(client.sendMessage({ projectId: P, requestId, message: { text: 'x' } }), {
      kind: 'http',
      status: 422,
      body: { errors: ['text field is required'] },
      messageIncludes: '422',
    });
  });
});

// ---------------------------------------------------------------------------
describe('validation before any request', () => {
  const image = (metadata) => ({ type: 'image', metadata: { src: 'https://x.example/i.png', ...metadata } });
  const cases = [
    ['empty text', { text: '' }, 'message.text'],
    ['missing text', {}, 'message.text'],
    ['explicit text type without text', { type: 'text' }, 'message.text'],
    ['image without metadata', { type: 'image' }, 'message.metadata.src'],
    ['image without metadata.src', { type: 'image', metadata: { width: 10, height: 10 } }, 'message.metadata.src'],
    ['image with an empty metadata.src', { type: 'image', metadata: { src: '' } }, 'message.metadata.src'],
    ['file without metadata.src', { type: 'file', metadata: { type: 'application/pdf' } }, 'message.metadata.src'],
    ['file without metadata.type', { type: 'file', text: 'f', metadata: { src: 'https://x.example/f.pdf' } }, 'message.metadata.type'],
    ['width 0', image({ width: 0 }), 'message.metadata.width'],
    ['width -5', image({ width: -5 }), 'message.metadata.width'],
    ['width 1.5', image({ width: 1.5 }), 'message.metadata.width'],
    ['width "200"', image({ width: '200' }), 'message.metadata.width'],
    ['height -1', image({ width: 10, height: -1 }), 'message.metadata.height'],
    ['height 0', image({ height: 0 }), 'message.metadata.height'],
    ['height 2.5', image({ height: 2.5 }), 'message.metadata.height'],
  ];
  for (const [name, message, field] of cases) {
    test(`${name} -> invalidInput ${field}, nothing sent`, async () => {
      const requestId = freshRequestId('invalid');
      const { error, sent } = await recording(mock, () => client.sendMessage({ projectId: P, requestId, message, timeoutMs: 1500 }));
      assertTidingsError(error, { kind: 'invalidInput', field });
      assert.ok(error.message.includes(field), `the message names the field: ${error.message}`);
      assert.equal(sent.length, 0, 'nothing reached the server');
    });
  }

  for (const bad of [NaN, Infinity]) {
    test(`width ${bad} -> invalidInput message.metadata.width, nothing sent`, {
    }, async () => {
      const requestId = freshRequestId('invalid-nonfinite');
      const { error, sent } = await recording(mock, () => client.sendMessage({ projectId: P, requestId, message: image({ width: bad }) }));
      assertTidingsError(error, { kind: 'invalidInput', field: 'message.metadata.width' });
      assert.equal(sent.length, 0);
    });
  }

  test('valid dimensions and a text message on any type pass validation', async () => {
    const requestId = freshRequestId('valid');
    const message = await client.sendMessage({ projectId: P, requestId, message: image({ width: 1, height: 4096 }) });
    assert.equal(message.type, 'image');
  });
});

// ---------------------------------------------------------------------------
describe('auth', () => {
  test('JWT without the prefix is sent as "JWT <token>"', async () => {
    const { error, sent } = await recording(mock, () => tiledeskClient(mock, { auth: { kind: 'jwt', token: TILEDESK_JWT } })
      .listMessages({ projectId: P, requestId: R }));
    assert.equal(error, undefined);
    assert.equal(sent[0].headers.authorization, `JWT ${TILEDESK_JWT}`);
  });

  for (const token of [`JWT ${TILEDESK_JWT}`, `jwt ${TILEDESK_JWT}`, `  JWT   ${TILEDESK_JWT} `]) {
    test(`JWT given as ${JSON.stringify(token.slice(0, 8))}... is not prefixed twice`, async () => {
      const { value, error, sent } = await recording(mock, () => tiledeskClient(mock, { auth: { kind: 'jwt', token } })
        .listMessages({ projectId: P, requestId: R }));
      assert.equal(error, undefined, error && error.message);
      assert.equal(value.length, 2);
      assert.equal(sent[0].headers.authorization, `JWT ${TILEDESK_JWT}`);
    });
  }

  test('Basic with a UTF-8 email and password (zoë) works and is UTF-8 base64', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.zoe;
    const { value, error, sent } = await recording(mock, () => tiledeskClient(mock, { auth: { kind: 'basic', email, password } })
      .listMessages({ projectId: P, requestId: R }));
    assert.equal(error, undefined, error && error.message);
    assert.equal(value.length, 2);
    assert.equal(decodeBasic(sent[0].headers.authorization), `${email}:${password}`);
  });

  test('Basic with the ASCII user works', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.andrea;
    const { value, sent } = await recording(mock, () => tiledeskClient(mock, { auth: { kind: 'basic', email, password } })
      .getMessage({ projectId: P, requestId: R, messageId: '5c81593adf767b0017d1aa68' }));
    assert.equal(value.text, 'test56');
    assert.equal(sent[0].headers.authorization, `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`);
  });

  test('wrong password: http 401 with the plain-text body, no credential in the error', async () => {
    const password = 'wrong-Pa55word-xyz';
    const { error, sent } = await recording(mock, () => tiledeskClient(mock, { auth: { kind: 'basic', email: TILEDESK_CREDENTIALS.andrea.email, password } })
      .listMessages({ projectId: P, requestId: R }));
    assertTidingsError(error, { kind: 'http', status: 401, provider: 'tiledesk', body: 'Unauthorized', messageIncludes: '401' });
    assert.equal(sent.length, 1, 'a 401 is not retried');
    assertNoSecret(dumpError(error), [password, sent[0].headers.authorization.slice(6)], '401 error');
  });

  test('wrong JWT: http 401, the token is not in the error', async () => {
    const token = 'eyJ.bogus-token-value.sig';
    const error = await rejectsWith(tiledeskClient(mock, { auth: { kind: 'jwt', token } }).listMessages({ projectId: P, requestId: R }), {
      kind: 'http',
      status: 401,
      body: 'Unauthorized',
    });
    assertNoSecret(dumpError(error), [token], '401 error');
  });

  test('a valid user outside the project: http 403 with the JSON body', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.outsider;
    await rejectsWith(tiledeskClient(mock, { auth: { kind: 'basic', email, password } }).listMessages({ projectId: P, requestId: R }), {
      kind: 'http',
      status: 403,
      provider: 'tiledesk',
      body: { success: false, msg: 'you dont belong to the project.' },
      messageIncludes: '403',
    });
  });

  test('a password containing ":" is rejected by the constructor (config auth.password)', async () => {
    const password = 'secret:part';
    const { error, sent } = await recording(mock, () => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'basic', email: 'a@b.c', password } }));
    assertTidingsError(error, { kind: 'config', field: 'auth.password' });
    assertNoSecret(dumpError(error), [password, 'secret'], 'config error');
    assert.equal(sent.length, 0);
  });

  test('an empty JWT is rejected (config auth.token)', () => {
    throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: '' } }), { kind: 'config', field: 'auth.token' });
  });

  test('a JWT that is only the prefix is rejected (config auth.token)', {
  }, () => {
    throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: 'JWT ' } }), { kind: 'config', field: 'auth.token' });
  });

  test('an empty email is rejected (config auth.email)', () => {
    throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'basic', email: '', password: 'x' } }), { kind: 'config', field: 'auth.email' });
  });

  for (const [name, auth, field] of [
    ['an email containing ":"', { kind: 'basic', email: 'a:b@c.d', password: 'x' }, 'auth.email'],
    ['an empty password', { kind: 'basic', email: 'a@b.c', password: '' }, 'auth.password'],
    ['a token with a newline (header injection)', { kind: 'jwt', token: 'abc\r\nX-Evil: 1' }, 'auth.token'],
    ['a token with a space inside', { kind: 'jwt', token: 'abc def' }, 'auth.token'],
  ]) {
    test(`${name} is rejected by the constructor (config ${field})`, () => {
      const error = throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth }), { kind: 'config', field });
      if (auth.token) assertNoSecret(error.message, [auth.token], 'config error');
    });
  }

  test('a token that cannot be a header value (non-Latin-1) is rejected by the constructor', {
  }, () => {
    throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: 'tök✓' } }), { kind: 'config', field: 'auth.token' });
  });

  test('an unsupported auth kind is a config error', () => {
    throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3`, auth: { kind: 'bearer', token: 'abc' } }), { kind: 'config' });
    throwsWith(() => new TiledeskClient({ baseUrl: `${mock.url}/v3` }), { kind: 'config' });
  });
});

// ---------------------------------------------------------------------------
describe('base URL', () => {
  const prefixes = [
    ['/v1', '/v1'],
    ['/v2', '/v2'],
    ['/api', '/api'],
    ['', ''],
    ['/', ''],
    ['/v3///', '/v3'],
    ['/deep/api/v3/', '/deep/api/v3'],
  ];
  for (const [given, normalised] of prefixes) {
    test(`prefix ${JSON.stringify(given)} works and is normalised`, async () => {
      const c = new TiledeskClient({ baseUrl: mock.url + given, auth: { kind: 'jwt', token: TILEDESK_JWT }, retry: false });
      assert.equal(c.baseUrl, mock.url + normalised);
      const { value, error, sent } = await recording(mock, () => c.listMessages({ projectId: P, requestId: R }));
      assert.equal(error, undefined, error && error.message);
      assert.equal(value.length, 2);
      assert.equal(sent.length, 1);
      assert.equal(sent[0].rawPath, `${normalised}/${P}/requests/${R}/messages`);
      assert.ok(!sent[0].rawPath.includes('//'), sent[0].rawPath);
    });
  }

  test('the default base URL is https://api.tiledesk.com/v3', () => {
    const c = new TiledeskClient({ auth: { kind: 'jwt', token: TILEDESK_JWT } });
    assert.equal(c.baseUrl, 'https://api.tiledesk.com/v3');
  });

  const malformed = ['not a url', 'ftp://x', 'https://user:pw@host', 'http://example.com', '', 'https://host/v3?x=1', 'https://host/v3#frag'];
  for (const baseUrl of malformed) {
    test(`malformed base URL ${JSON.stringify(baseUrl)} -> config baseUrl`, () => {
      const error = throwsWith(() => new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: TILEDESK_JWT } }), { kind: 'config', field: 'baseUrl' });
      assert.ok(!error.message.includes('pw'), `the message must not contain the URL password: ${error.message}`);
    });
  }

  test('credentials in the base URL never appear anywhere in the error', () => {
    const error = throwsWith(() => new TiledeskClient({ baseUrl: 'https://agent:Hunter2xyz@api.example/v3', auth: { kind: 'jwt', token: TILEDESK_JWT } }), {
      kind: 'config',
      field: 'baseUrl',
    });
    assertNoSecret(dumpError(error), ['Hunter2xyz', 'agent:'], 'baseUrl error');
  });

  test('plain http to a remote host is allowed with allowInsecureHttp', () => {
    const c = new TiledeskClient({ baseUrl: 'http://example.com/api/', auth: { kind: 'jwt', token: TILEDESK_JWT }, allowInsecureHttp: true });
    assert.equal(c.baseUrl, 'http://example.com/api');
  });
});

// ---------------------------------------------------------------------------
describe('path safety', () => {
  const oddIds = ['a/b', 'a?b', 'a#b', '%2e%2e', '%2F', 'zoë ✓', 'a b+c&d=e', '..a', '.'.repeat(3)];

  for (const id of oddIds) {
    test(`id ${JSON.stringify(id)} reaches the server as one decoded segment`, async () => {
      // requestId (list)
      let r = await recording(mock, () => client.listMessages({ projectId: P, requestId: id }));
      assert.equal(r.error, undefined, r.error && r.error.message);
      assert.deepEqual(r.value, []);
      assert.equal(r.sent.length, 1);
      assert.deepEqual(r.sent[0].segments, ['v3', P, 'requests', id, 'messages']);
      assert.deepEqual(r.sent[0].query, {});
      assert.ok(!/[?#]/.test(r.sent[0].rawPath), r.sent[0].rawPath);

      // projectId: not an ObjectId, so the server answers 400 with a JSON body
      r = await recording(mock, () => client.listMessages({ projectId: id, requestId: R }));
      assertTidingsError(r.error, { kind: 'http', status: 400, body: { error: `Invalid project id: ${id}` } });
      assert.equal(r.sent.length, 1);
      assert.deepEqual(r.sent[0].segments, ['v3', id, 'requests', R, 'messages']);
      assert.deepEqual(r.sent[0].query, {});

      // messageId (get): not an ObjectId, so a 500
      r = await recording(mock, () => client.getMessage({ projectId: P, requestId: R, messageId: id }));
      assertTidingsError(r.error, { kind: 'http', status: 500 });
      assert.equal(r.sent.length, 1);
      assert.deepEqual(r.sent[0].segments, ['v3', P, 'requests', R, 'messages', id]);
      assert.deepEqual(r.sent[0].query, {});

      // requestId (send)
      r = await recording(mock, () => client.sendMessage({ projectId: P, requestId: id, message: { text: 'odd id' } }));
      assert.equal(r.error, undefined, r.error && r.error.message);
      assert.equal(r.value.recipient, id);
      assert.deepEqual(r.sent[0].segments, ['v3', P, 'requests', id, 'messages']);
    });
  }

  const badIds = [['empty', ''], ['dot', '.'], ['dot-dot', '..'], ['SOH', 'a\u0001b'], ['newline', 'a\nb'], ['NUL', 'a\u0000b'], ['DEL', 'a\u007fb'], ['tab', '\tid'], ['CR', 'id\r']];
  for (const [name, id] of badIds) {
    test(`${name} id -> invalidInput naming the argument, nothing sent`, async () => {
      const calls = [
        ['projectId', () => client.listMessages({ projectId: id, requestId: R })],
        ['requestId', () => client.listMessages({ projectId: P, requestId: id })],
        ['projectId', () => client.getMessage({ projectId: id, requestId: R, messageId: '5c81593adf767b0017d1aa68' })],
        ['requestId', () => client.getMessage({ projectId: P, requestId: id, messageId: '5c81593adf767b0017d1aa68' })],
        ['messageId', () => client.getMessage({ projectId: P, requestId: R, messageId: id })],
        ['projectId', () => client.sendMessage({ projectId: id, requestId: R, message: { text: 'x' } })],
        ['requestId', () => client.sendMessage({ projectId: P, requestId: id, message: { text: 'x' } })],
      ];
      for (const [field, call] of calls) {
        const { error, sent } = await recording(mock, call);
        assertTidingsError(error, { kind: 'invalidInput', field });
        assert.equal(sent.length, 0, `nothing sent for ${field}`);
      }
    });
  }

  test('a missing id is invalidInput, nothing sent', async () => {
    const { error, sent } = await recording(mock, () => client.listMessages({ requestId: R }));
    assertTidingsError(error, { kind: 'invalidInput' });
    assert.equal(sent.length, 0);
  });
});

// ---------------------------------------------------------------------------
describe('timeouts and cancellation', () => {
  test('per-call timeoutMs on a server that never answers -> timeout', async () => {
    const requestId = freshRequestId('hang-timeout');
    mock.script({ pathIncludes: requestId, hang: true, times: 0 });
    const started = Date.now();
    const error = await rejectsWith(client.listMessages({ projectId: P, requestId, timeoutMs: 200, retry: false }), {
      kind: 'timeout',
      provider: 'tiledesk',
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 150 && elapsed < 2000, `took ${elapsed} ms`);
    assert.equal(error.status, undefined);
  });

  test('the client-wide timeoutMs applies too', async () => {
    const requestId = freshRequestId('hang-client-timeout');
    mock.script({ pathIncludes: requestId, hang: true, times: 0 });
    const started = Date.now();
    await rejectsWith(tiledeskClient(mock, { timeoutMs: 200 }).listMessages({ projectId: P, requestId }), { kind: 'timeout' });
    assert.ok(Date.now() - started < 2000);
  });

  test('a send that times out is not retried and may have been sent', async () => {
    const requestId = freshRequestId('hang-send');
    mock.script({ pathIncludes: requestId, hang: true, times: 0 });
    const { error, sent } = await recording(mock, () => tiledeskClient(mock, { retry: true })
      .sendMessage({ projectId: P, requestId, message: { text: 'lost?' }, timeoutMs: 200 }));
    assertTidingsError(error, { kind: 'timeout', mayHaveBeenSent: true });
    assert.equal(sent.length, 1);
  });

  test('an AbortController aborted mid-request -> aborted', async () => {
    const requestId = freshRequestId('hang-abort');
    mock.script({ pathIncludes: requestId, hang: true, times: 0 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const { error, sent } = await recording(mock, () => client.listMessages({ projectId: P, requestId, signal: controller.signal, timeoutMs: 5000 }));
    assertTidingsError(error, { kind: 'aborted' });
    assert.ok(Date.now() - started < 2000);
    assert.equal(sent.length, 1, 'the request had started');
  });

  test('an already-aborted signal -> aborted, nothing sent', async () => {
    const requestId = freshRequestId('pre-aborted');
    const { error, sent } = await recording(mock, () => client.listMessages({ projectId: P, requestId, signal: AbortSignal.abort() }));
    assertTidingsError(error, { kind: 'aborted' });
    assert.equal(sent.length, 0);
  });
});

// ---------------------------------------------------------------------------
describe('custom fetch', () => {

  test('the fetch given in the options is used for every call', async () => {
    const counter = countingFetch();
    const c = tiledeskClient(mock, { fetch: counter.fetch });
    const { value, sent } = await recording(mock, () => c.listMessages({ projectId: P, requestId: R }));
    assert.equal(value.length, 2);
    assert.equal(counter.calls.length, 1);
    assert.equal(sent.length, 1);
    await c.getMessage({ projectId: P, requestId: R, messageId: '5c81593adf767b0017d1aa68' });
    assert.equal(counter.calls.length, 2);
    assert.ok(counter.calls.every((call) => call.url.startsWith(`${mock.url}/v3/`)), JSON.stringify(counter.calls));
  });

  test('a fetch that answers by itself never touches the network', async () => {
    let calls = 0;
    const fakeFetch = async () => {
      calls += 1;
      return new Response(JSON.stringify([TILEDESK_SEED_MESSAGES[0]]), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const c = new TiledeskClient({ baseUrl: 'https://tiledesk.invalid/v3', auth: { kind: 'jwt', token: TILEDESK_JWT }, fetch: fakeFetch });
    const messages = await c.listMessages({ projectId: P, requestId: R });
    assert.equal(calls, 1);
    assert.equal(messages[0].id, TILEDESK_SEED_MESSAGES[0]._id);
  });
});

// ---------------------------------------------------------------------------
test('isTidingsError is false for other values', () => {
  assert.equal(isTidingsError(new Error('x')), false);
  assert.equal(isTidingsError(null), false);
  assert.equal(isTidingsError(undefined), false);
  assert.equal(isTidingsError('TidingsError'), false);
});

test('no request made by this file carried a Bearer header (run last)', () => {
  const all = mock.requests();
  assert.ok(all.length > 50, `expected the whole file's requests, got ${all.length}`);
  for (const request of all) {
    const header = request.headers.authorization ?? '';
    assert.ok(!/^bearer\b/i.test(header), `Bearer sent to ${request.rawPath}`);
    assert.ok(/^(JWT|Basic) \S+$/.test(header), `unexpected Authorization on ${request.method} ${request.rawPath}: ${JSON.stringify(header.slice(0, 6))}`);
    assert.ok(!/JWT\s+JWT/i.test(header), 'JWT prefix sent twice');
  }
});
