// FlatchrClient (built package, Node ESM entry) against the mock server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FlatchrClient,
  startMock,
  flatchrClient,
  recording,
  rejectsWith,
  throwsWith,
  assertTidingsError,
  assertNoSecret,
  dumpError,
  FLATCHR_COMPANY_ID as C,
  FLATCHR_APPLICANT_ID as A,
  FLATCHR_APPLICANT_FR_ID,
  FLATCHR_APPLICANT_MIXED_ID,
  FLATCHR_API_KEY,
  FLATCHR_USER_TOKEN,
  FLATCHR_LOGIN,
  FLATCHR_EN_MESSAGES,
  FLATCHR_FR_MESSAGES,
} from './helpers.mjs';

const ALL_FIELDS = ['author', 'replied', 'mail', 'attachments', 'candidate'];
const BASE_KEYS = ['id', 'createdBy', 'createdAt', 'auto', 'delivered', 'deliverAt'];
const LIST_PATH = `/company/${C}/applicant/${A}/messages`;

let mock;
/** API-key client (may list, may not send). */
let client;

before(async () => {
  mock = await startMock();
  client = flatchrClient(mock);
});
after(() => mock?.close());

/** Logs in like a user would, with a plain fetch, and returns the user token. */
async function login() {
  const response = await fetch(`${mock.url}/user/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FLATCHR_LOGIN),
  });
  assert.equal(response.status, 200);
  const { token } = await response.json();
  assert.equal(token, FLATCHR_USER_TOKEN);
  return token;
}

const definedKeys = (object) => Object.keys(object).filter((key) => object[key] !== undefined).sort();

// ---------------------------------------------------------------------------
describe('listMessages and fields', () => {
  test('without fields: base fields only, no fields parameter', async () => {
    const { value, error, sent } = await recording(mock, () => client.listMessages({ companyId: C, applicantId: A }));
    assert.equal(error, undefined, error && dumpError(error));
    assert.equal(value.length, 1);
    const [message] = value;
    assert.deepEqual(definedKeys(message), [...BASE_KEYS].sort());
    for (const optional of ALL_FIELDS) assert.equal(message[optional], undefined, optional);
    assert.equal(message.id, 'oLm7NdD0j7dNGbZQ');

    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, 'GET');
    assert.equal(sent[0].rawPath, LIST_PATH);
    assert.deepEqual(sent[0].query, {});
    assert.equal(sent[0].headers.authorization, `Bearer ${FLATCHR_API_KEY}`);
  });

  test('fields are deduplicated, trimmed and sent as one comma-separated parameter, order kept', async () => {
    const { value, sent } = await recording(mock, () => client.listMessages({
      companyId: C,
      applicantId: A,
      fields: ['author', 'mail', 'candidate', 'mail', ' author'],
    }));
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].query, { fields: 'author,mail,candidate' });
    assert.ok(sent[0].rawPath === LIST_PATH);
    const [message] = value;
    assert.deepEqual(message.author, { firstname: 'XXXX', lastname: 'XXXX' });
    assert.equal(message.mail.subject, 'Phone interview proposal');
    assert.equal(message.candidate.email, 'XXXX@gmail.com');
    assert.equal(message.attachments, undefined, 'not requested');
    assert.equal(message.replied, undefined, 'not requested');
  });

  test('unknown field names pass through to the query', async () => {
    const { value, error, sent } = await recording(mock, () => client.listMessages({
      companyId: C,
      applicantId: A,
      fields: ['author', 'tags', 'future_thing'],
    }));
    assert.equal(error, undefined, error && error.message);
    assert.deepEqual(sent[0].query, { fields: 'author,tags,future_thing' });
    assert.deepEqual(value[0].author, { firstname: 'XXXX', lastname: 'XXXX' });
  });

  test('an empty fields list means the server default', async () => {
    const { sent } = await recording(mock, () => client.listMessages({ companyId: C, applicantId: A, fields: [] }));
    assert.equal(sent[0].query.fields ?? '', '');
  });

  for (const [name, fields] of [['a comma', ['author,mail']], ['an empty name', ['author', '']], ['a blank name', ['  ']], ['an ampersand trick', ['mail,x&fields=author']]]) {
    test(`fields with ${name} -> invalidInput fields, nothing sent`, async () => {
      const { error, sent } = await recording(mock, () => client.listMessages({ companyId: C, applicantId: A, fields }));
      assertTidingsError(error, { kind: 'invalidInput', field: 'fields' });
      assert.equal(sent.length, 0);
    });
  }

  test('special characters in a field name are encoded in the query', async () => {
    const { error, sent } = await recording(mock, () => client.listMessages({ companyId: C, applicantId: A, fields: ['a&b=c', 'mail'] }));
    assert.equal(error, undefined, error && error.message);
    assert.deepEqual(sent[0].query, { fields: 'a&b=c,mail' });
  });
});

// ---------------------------------------------------------------------------
describe('models', () => {
  test('the English seed message with every field', async () => {
    const [message, ...rest] = await client.listMessages({ companyId: C, applicantId: A, fields: ALL_FIELDS });
    assert.equal(rest.length, 0);
    const seed = FLATCHR_EN_MESSAGES[0];
    assert.equal(message.id, 'oLm7NdD0j7dNGbZQ');
    assert.equal(message.createdBy, '391');
    assert.equal(typeof message.createdBy, 'string');
    assert.equal(message.createdAt, '2022-02-16T09:32:07.381Z');
    assert.equal(message.deliverAt, '2022-02-16T10:34:56.000Z');
    assert.equal(message.auto, false);
    assert.equal(message.delivered, false);
    assert.equal(message.mail.subject, 'Phone interview proposal');
    assert.equal(message.mail.text, seed.mail.text);
    assert.equal(message.mail.html, seed.mail.html);
    assert.deepEqual(message.author, { firstname: 'XXXX', lastname: 'XXXX' });
    assert.deepEqual(message.candidate, { firstname: 'XXXX', lastname: 'XXXX', email: 'XXXX@gmail.com' });
    assert.deepEqual(message.attachments, []);
    // Wire names are mapped, not duplicated.
    for (const wire of ['created_by', 'created_at', 'deliver_at']) assert.equal(message[wire], undefined, wire);
    assert.ok(message.extra === undefined || Object.keys(message.extra).length === 0, JSON.stringify(message.extra));
  });

  test('mail.status null is kept as null', {
  }, async () => {
    const [message] = await client.listMessages({ companyId: C, applicantId: A, fields: ['mail'] });
    assert.ok(Object.hasOwn(message.mail, 'status'), `mail keys: ${Object.keys(message.mail)}`);
    assert.equal(message.mail.status, null);
  });

  test('the French applicant, spelled like the French table', async () => {
    const [message] = await client.listMessages({ companyId: C, applicantId: FLATCHR_APPLICANT_FR_ID, fields: ALL_FIELDS });
    const seed = FLATCHR_FR_MESSAGES[0];
    assert.equal(message.id, '1042', 'integer id exposed as a string');
    assert.equal(message.createdBy, '391', 'string created_by kept');
    assert.equal(message.createdAt, seed.create_at, 'createdAt from create_at');
    assert.equal(message.deliverAt, seed.delivered_at, 'deliverAt from delivered_at');
    assert.equal(message.mail.subject, 'Proposition entretien téléphonique');
    assert.equal(message.mail.text, seed.mail.text);
    assert.deepEqual(message.author, { firstname: 'Alexis', lastname: 'Colonna' });
    assert.deepEqual(message.candidate, { firstname: 'alexandre', lastname: 'andrieux', email: 'andrieux_alexandre@gmail.com' });
    assert.equal(message.create_at, undefined);
    assert.equal(message.delivered_at, undefined);
    assert.ok(message.extra === undefined || !('create_at' in message.extra || 'delivered_at' in message.extra), JSON.stringify(message.extra));
  });

  describe('the mixed applicant: one check per spelling variant', () => {
    let messages;
    before(async () => {
      messages = await client.listMessages({ companyId: C, applicantId: FLATCHR_APPLICANT_MIXED_ID, fields: ALL_FIELDS });
    });
    const byId = (id) => {
      const found = messages.find((m) => m.id === id);
      assert.ok(found, `message ${id} missing; ids: ${messages.map((m) => m.id)}`);
      return found;
    };

    test('all five messages, in order', () => {
      assert.deepEqual(messages.map((m) => m.id), ['mX1aB2cD3eF4gH5i', '2001', 'aTtAcHmEnT000003', '2004', 'onlyIdMessage005']);
    });
    test('string id stays a string', () => assert.equal(byId('mX1aB2cD3eF4gH5i').id, 'mX1aB2cD3eF4gH5i'));
    test('integer id becomes a string', () => {
      assert.equal(typeof byId('2001').id, 'string');
      assert.equal(typeof byId('2004').id, 'string');
    });
    test('integer created_by becomes a string', () => assert.equal(byId('mX1aB2cD3eF4gH5i').createdBy, '391'));
    test('string created_by is kept', () => assert.equal(byId('2001').createdBy, '392'));
    test('createdAt from created_at', () => assert.equal(byId('mX1aB2cD3eF4gH5i').createdAt, '2022-02-17T07:00:00.000Z'));
    test('createdAt from create_at', () => assert.equal(byId('2001').createdAt, '2022-02-17T08:00:00.000Z'));
    test('deliverAt from deliver_at', () => assert.equal(byId('mX1aB2cD3eF4gH5i').deliverAt, '2022-02-17T07:00:05.000Z'));
    test('deliverAt from delivered_at', () => assert.equal(byId('aTtAcHmEnT000003').deliverAt, '2022-02-17T09:00:03.000Z'));
    test('created_at + delivered_at mixed in one message', () => {
      const m = byId('aTtAcHmEnT000003');
      assert.equal(m.createdAt, '2022-02-17T09:00:00.000Z');
      assert.equal(m.deliverAt, '2022-02-17T09:00:03.000Z');
    });
    test('create_at + deliver_at mixed in one message', () => {
      const m = byId('2004');
      assert.equal(m.createdAt, '2022-02-17T10:00:00.000Z');
      assert.equal(m.deliverAt, '2022-02-17T10:00:01.000Z');
    });
    test('delivered_at null leaves deliverAt absent', () => assert.equal(byId('2001').deliverAt ?? null, null));
    test('replied is kept as sent', () => assert.deepEqual(byId('2001').replied, { at: '2022-02-17T08:00:00.000Z', by: 'candidate' }));
    test('mail.status is kept', () => assert.equal(byId('mX1aB2cD3eF4gH5i').mail.status, 'opened'));
    test('author in the older shape (id, email, picture)', () => {
      const { author } = byId('mX1aB2cD3eF4gH5i');
      assert.equal(author.firstname, 'Alexis');
      assert.equal(author.lastname, 'Colonna');
      assert.equal(author.email, 'alexis@flatchr.example');
      assert.equal(author.picture, 'https://files.example/alexis.png');
      assert.equal(String(author.id), '391');
    });
    test('candidate with a non-ASCII name', () => assert.deepEqual(byId('2001').candidate, { firstname: 'Zoë', lastname: 'Example', email: 'zoe@example.com' }));
    test('attachment object kept as sent', () => {
      assert.deepEqual(byId('aTtAcHmEnT000003').attachments, [{ name: 'cv.pdf', url: 'https://files.example/cv.pdf', size: 12345 }]);
    });
    test('booleans', () => {
      assert.equal(byId('2004').auto, true);
      assert.equal(byId('2004').delivered, true);
      assert.equal(byId('2001').auto, false);
    });
    test('unknown field goes to extra', () => assert.deepEqual(byId('2004').extra, { labels: ['urgent', 'follow-up'] }));
    test('the message with only id: every other field absent', () => {
      const m = byId('onlyIdMessage005');
      for (const key of [...BASE_KEYS.slice(1), ...ALL_FIELDS]) assert.equal(m[key], undefined, key);
      assert.ok(m.extra === undefined || Object.keys(m.extra).length === 0, JSON.stringify(m.extra));
      assert.deepEqual(definedKeys(m), ['id']);
    });
  });
});

// ---------------------------------------------------------------------------
describe('auth and errors', () => {
  test('the API key is sent as "Bearer <key>" exactly', async () => {
    const { sent } = await recording(mock, () => client.listMessages({ companyId: C, applicantId: A }));
    assert.equal(sent[0].headers.authorization, 'Bearer flatchr-api-key-7f3a9c');
  });

  for (const token of [`Bearer ${FLATCHR_API_KEY}`, `bearer ${FLATCHR_API_KEY}`, ` ${FLATCHR_API_KEY} `]) {
    test(`a token given as ${JSON.stringify(token.slice(0, 8))}... is sent once, not double-prefixed`, async () => {
      const { value, error, sent } = await recording(mock, () => flatchrClient(mock, { token }).listMessages({ companyId: C, applicantId: A }));
      assert.equal(error, undefined, error && error.message);
      assert.equal(value.length, 1);
      assert.equal(sent[0].headers.authorization, `Bearer ${FLATCHR_API_KEY}`);
    });
  }

  test('"Bearer xyz" is sent as "Bearer xyz"', async () => {
    const { error, sent } = await recording(mock, () => flatchrClient(mock, { token: 'Bearer xyz' }).listMessages({ companyId: C, applicantId: A }));
    assertTidingsError(error, { kind: 'http', status: 401 });
    assert.equal(sent[0].headers.authorization, 'Bearer xyz');
  });

  test('wrong token: http 401 with the JSON body, token not in the error', async () => {
    const token = 'wrong-flatchr-token-zzz';
    const error = await rejectsWith(flatchrClient(mock, { token }).listMessages({ companyId: C, applicantId: A }), {
      kind: 'http',
      status: 401,
      provider: 'flatchr',
      body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' },
      messageIncludes: '401',
    });
    assertNoSecret(dumpError(error), [token], '401 error');
  });

  test('unknown company: http 404 with the JSON body', async () => {
    await rejectsWith(client.listMessages({ companyId: 'no-such-company', applicantId: A }), {
      kind: 'http',
      status: 404,
      provider: 'flatchr',
      body: { statusCode: 404, error: 'Not Found', message: 'Company not found' },
    });
  });

  test('unknown applicant: http 404 with the JSON body', async () => {
    await rejectsWith(client.listMessages({ companyId: C, applicantId: 'no-such-applicant' }), {
      kind: 'http',
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Applicant not found' },
    });
  });

  test('a non-JSON error body is kept as raw text', async () => {
    mock.script({ pathIncludes: '/applicant/html-error/', status: 503, html: true });
    const error = await rejectsWith(client.listMessages({ companyId: C, applicantId: 'html-error' }), { kind: 'http', status: 503 });
    assert.equal(typeof error.body, 'string');
    assert.match(error.body, /503 Service Unavailable/);
  });

  test('empty token -> config token', () => {
    throwsWith(() => new FlatchrClient({ token: '', baseUrl: mock.url }), { kind: 'config', field: 'token' });
  });

  test('a token with a newline or a space inside -> config token', () => {
    throwsWith(() => new FlatchrClient({ token: 'abc\r\nX-Evil: 1', baseUrl: mock.url }), { kind: 'config', field: 'token' });
    throwsWith(() => new FlatchrClient({ token: 'abc def', baseUrl: mock.url }), { kind: 'config', field: 'token' });
  });

  test('a token that cannot be a header value (non-Latin-1) -> config token', {
  }, () => {
    throwsWith(() => new FlatchrClient({ token: 'tök✓', baseUrl: mock.url }), { kind: 'config', field: 'token' });
  });

  test('a token that is only the prefix -> config token', {
  }, () => {
    throwsWith(() => new FlatchrClient({ token: 'Bearer ', baseUrl: mock.url }), { kind: 'config', field: 'token' });
  });

  test('base URL: trailing slash and a path prefix work; plain http to a remote host is refused', async () => {
    for (const [given, prefix] of [['/', ''], ['/proxy/flatchr//', '/proxy/flatchr']]) {
      const { value, error, sent } = await recording(mock, () => new FlatchrClient({ token: FLATCHR_API_KEY, baseUrl: mock.url + given })
        .listMessages({ companyId: C, applicantId: A }));
      assert.equal(error, undefined, error && error.message);
      assert.equal(value.length, 1);
      assert.equal(sent[0].rawPath, prefix + LIST_PATH);
    }
    throwsWith(() => new FlatchrClient({ token: FLATCHR_API_KEY, baseUrl: 'http://api.flatchr.io' }), { kind: 'config', field: 'baseUrl' });
    const error = throwsWith(() => new FlatchrClient({ token: FLATCHR_API_KEY, baseUrl: 'https://u:pw@api.flatchr.io' }), { kind: 'config', field: 'baseUrl' });
    assert.ok(!error.message.includes('pw'), error.message);
    new FlatchrClient({ token: FLATCHR_API_KEY, baseUrl: 'https://api.demo.flatchr.io' });
    new FlatchrClient({ token: FLATCHR_API_KEY });
  });

  test('a server that never answers -> timeout', async () => {
    mock.script({ pathIncludes: '/applicant/hang-forever/', hang: true, times: 0 });
    const started = Date.now();
    await rejectsWith(client.listMessages({ companyId: C, applicantId: 'hang-forever', timeoutMs: 200 }), { kind: 'timeout', provider: 'flatchr' });
    assert.ok(Date.now() - started < 2000);
  });
});

// ---------------------------------------------------------------------------
describe('sendMessage', () => {
  let userClient;
  before(async () => {
    userClient = flatchrClient(mock, { token: await login() });
  });

  test('with the user token: the message is created, returned and then listed', async () => {
    const html = '<p>Bonjour Zoë, êtes-vous disponible demain ?</p>';
    const { value: message, error, sent } = await recording(mock, () => userClient.sendMessage({
      companyId: C,
      applicantId: A,
      message: { html, subject: 'Entretien', mail: true, sms: false },
    }));
    assert.equal(error, undefined, error && dumpError(error));

    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, 'POST');
    assert.equal(sent[0].rawPath, `/company/${C}/applicant/${A}/message`);
    assert.equal(sent[0].headers.authorization, `Bearer ${FLATCHR_USER_TOKEN}`);
    assert.match(sent[0].headers['content-type'], /^application\/json\b/);
    assert.deepEqual(JSON.parse(sent[0].body), { html, subject: 'Entretien', mail: true, sms: false });

    assert.equal(typeof message.id, 'string');
    assert.ok(message.id.length > 0);
    assert.equal(message.createdBy, '391');
    assert.equal(message.auto, false);
    assert.equal(message.delivered, false);
    assert.equal(message.mail.subject, 'Entretien');
    assert.equal(message.mail.html, html);
    assert.ok(!Number.isNaN(Date.parse(message.createdAt)));

    const listed = await client.listMessages({ companyId: C, applicantId: A, fields: ['mail'] });
    const found = listed.find((m) => m.id === message.id);
    assert.ok(found, 'the sent message is in the list');
    assert.equal(found.mail.html, html);
    assert.equal(listed.at(-1).id, message.id, 'appended last');
  });

  test('with the API key: http 403 with the JSON body', async () => {
    const { error, sent } = await recording(mock, () => client.sendMessage({ companyId: C, applicantId: A, message: { html: '<p>x</p>' } }));
    assertTidingsError(error, {
      kind: 'http',
      status: 403,
      provider: 'flatchr',
      body: { statusCode: 403, error: 'Forbidden', message: 'User token required' },
    });
    assert.equal(sent.length, 1);
  });

  for (const [name, html] of [['empty html', ''], ['blank html', '  \n ']]) {
    test(`${name} -> invalidInput message.html, nothing sent`, async () => {
      const { error, sent } = await recording(mock, () => userClient.sendMessage({ companyId: C, applicantId: A, message: { html, subject: 's' } }));
      assertTidingsError(error, { kind: 'invalidInput', field: 'message.html', messageIncludes: 'message.html' });
      assert.equal(sent.length, 0);
    });
  }

  test('missing html -> invalidInput, nothing sent', async () => {
    const { error, sent } = await recording(mock, () => userClient.sendMessage({ companyId: C, applicantId: A, message: { subject: 'no body' } }));
    assertTidingsError(error, { kind: 'invalidInput', messageIncludes: 'html' });
    assert.equal(sent.length, 0);
  });

  test('missing html names the field message.html', {
  }, async () => {
    const error = await rejectsWith(userClient.sendMessage({ companyId: C, applicantId: A, message: { subject: 'no body' } }), { kind: 'invalidInput' });
    assert.equal(error.field, 'message.html');
  });

  test('a failed send is not retried and may have been sent', async () => {
    mock.script({ method: 'POST', pathIncludes: '/applicant/send-500/', status: 500, json: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' } });
    const { error, sent } = await recording(mock, () => flatchrClient(mock, { token: FLATCHR_USER_TOKEN, retry: { retries: 2, baseDelayMs: 1 } })
      .sendMessage({ companyId: C, applicantId: 'send-500', message: { html: '<p>once</p>' } }));
    assertTidingsError(error, { kind: 'http', status: 500, attempts: 1, mayHaveBeenSent: true });
    assert.equal(sent.length, 1);
  });
});

// ---------------------------------------------------------------------------
describe('path safety', () => {
  const oddIds = ['a/b', 'a?b', 'a#b', '%2e%2e', '%2F', 'zoë ✓'];
  for (const id of oddIds) {
    test(`id ${JSON.stringify(id)} reaches the server as one decoded segment`, async () => {
      let r = await recording(mock, () => client.listMessages({ companyId: id, applicantId: A, fields: ['mail'] }));
      assertTidingsError(r.error, { kind: 'http', status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Company not found' } });
      assert.equal(r.sent.length, 1);
      assert.deepEqual(r.sent[0].segments, ['company', id, 'applicant', A, 'messages']);
      assert.deepEqual(r.sent[0].query, { fields: 'mail' });

      r = await recording(mock, () => client.listMessages({ companyId: C, applicantId: id }));
      assertTidingsError(r.error, { kind: 'http', status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Applicant not found' } });
      assert.deepEqual(r.sent[0].segments, ['company', C, 'applicant', id, 'messages']);
      assert.deepEqual(r.sent[0].query, {});

      r = await recording(mock, () => flatchrClient(mock, { token: FLATCHR_USER_TOKEN }).sendMessage({ companyId: C, applicantId: id, message: { html: '<p>x</p>' } }));
      assertTidingsError(r.error, { kind: 'http', status: 404 });
      assert.deepEqual(r.sent[0].segments, ['company', C, 'applicant', id, 'message']);
      assert.deepEqual(r.sent[0].query, {});
    });
  }

  const badIds = [['empty', ''], ['dot', '.'], ['dot-dot', '..'], ['SOH', 'a\u0001b'], ['newline', 'a\nb'], ['NUL', 'a\u0000b'], ['DEL', '\u007f']];
  for (const [name, id] of badIds) {
    test(`${name} id -> invalidInput naming the argument, nothing sent`, async () => {
      const user = flatchrClient(mock, { token: FLATCHR_USER_TOKEN });
      const calls = [
        ['companyId', () => client.listMessages({ companyId: id, applicantId: A })],
        ['applicantId', () => client.listMessages({ companyId: C, applicantId: id })],
        ['companyId', () => user.sendMessage({ companyId: id, applicantId: A, message: { html: '<p>x</p>' } })],
        ['applicantId', () => user.sendMessage({ companyId: C, applicantId: id, message: { html: '<p>x</p>' } })],
      ];
      for (const [field, call] of calls) {
        const { error, sent } = await recording(mock, call);
        assertTidingsError(error, { kind: 'invalidInput', field });
        assert.equal(sent.length, 0, `nothing sent for ${field}`);
      }
    });
  }
});

test('only Bearer was ever sent to the Flatchr routes (run last)', () => {
  const all = mock.requests().filter((r) => r.segments?.includes('company'));
  assert.ok(all.length > 20);
  for (const request of all) assert.match(request.headers.authorization ?? '', /^Bearer \S+$/, request.rawPath);
});
