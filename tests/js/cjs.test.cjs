'use strict';
// The CommonJS entry (pkg/node.cjs) works like the ESM one.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const tidings = require('../../pkg/node.cjs');

test('the CJS entry exports both clients and isTidingsError', () => {
  assert.equal(typeof tidings.TiledeskClient, 'function');
  assert.equal(typeof tidings.FlatchrClient, 'function');
  assert.equal(typeof tidings.isTidingsError, 'function');
});

test('lists the Tiledesk seed messages and the Flatchr seed message through require()', async () => {
  const mockModule = await import('../mock/server.mjs');
  const mock = await mockModule.startMockServer({ port: 0, quiet: true });
  try {
    const tiledesk = new tidings.TiledeskClient({
      baseUrl: `${mock.url}/v3`,
      auth: { kind: 'jwt', token: mockModule.TILEDESK_JWT },
      retry: false,
    });
    const messages = await tiledesk.listMessages({
      projectId: mockModule.TILEDESK_PROJECT_ID,
      requestId: mockModule.TILEDESK_REQUEST_ID,
    });
    assert.deepEqual(messages.map((m) => m.id), ['5c81593adf767b0017d1aa68', '5c81593adf767b0017d1aa69']);
    assert.deepEqual(messages.map((m) => m.senderFullname), ['Guest', 'Bot']);
    assert.deepEqual(messages.map((m) => m.statusName), ['received', 'received']);

    const flatchr = new tidings.FlatchrClient({ baseUrl: mock.url, token: mockModule.FLATCHR_API_KEY, retry: false });
    const [message] = await flatchr.listMessages({
      companyId: mockModule.FLATCHR_COMPANY_ID,
      applicantId: mockModule.FLATCHR_APPLICANT_ID,
      fields: ['mail'],
    });
    assert.equal(message.id, 'oLm7NdD0j7dNGbZQ');
    assert.equal(message.mail.subject, 'Phone interview proposal');

    await assert.rejects(
      tiledesk.getMessage({ projectId: mockModule.TILEDESK_PROJECT_ID, requestId: mockModule.TILEDESK_REQUEST_ID, messageId: '5c81593adf767b0017d1aa00' }),
      (err) => {
        assert.ok(err instanceof Error);
        assert.equal(err.name, 'TidingsError');
        assert.equal(tidings.isTidingsError(err), true);
        assert.equal(err.kind, 'http');
        assert.equal(err.status, 404);
        return true;
      },
    );
  } finally {
    await mock.close();
  }
});

test('constructor errors are TidingsErrors through require() too', () => {
  assert.throws(
    () => new tidings.TiledeskClient({ baseUrl: 'ftp://x', auth: { kind: 'jwt', token: 't' } }),
    (err) => err.name === 'TidingsError' && err.kind === 'config' && err.field === 'baseUrl',
  );
});

test('the sign-in statics and iterateProjectMessages work through require() too', async () => {
  const mockModule = await import('../mock/server.mjs');
  const mock = await mockModule.startMockServer({ port: 0, quiet: true });
  try {
    const baseUrl = `${mock.url}/v3`;
    const projectId = mockModule.TILEDESK_PROJECT_ID;
    const visitor = await tidings.TiledeskClient.signInAnonymously({ projectId, firstname: 'Cee', baseUrl });
    assert.equal(visitor.user.firstname, 'Cee');
    assert.equal('authorization' in mock.requests().at(-1).headers, false);
    const { email, password } = mockModule.TILEDESK_CREDENTIALS.andrea;
    const owner = await tidings.TiledeskClient.signIn({ email, password, baseUrl });
    const client = new tidings.TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: owner.token }, retry: false });
    let count = 0;
    for await (const message of client.iterateProjectMessages({ projectId, pageSize: 50 })) {
      assert.equal(typeof message.id, 'string');
      count += 1;
    }
    assert.equal(count, mockModule.TILEDESK_SEED_MESSAGES.length + mockModule.TILEDESK_EXTRAS_MESSAGES.length + mockModule.TILEDESK_BULK_SIZE);
    const { token } = await tidings.FlatchrClient.logIn({ ...mockModule.FLATCHR_LOGIN, baseUrl: mock.url });
    assert.equal(token, mockModule.FLATCHR_USER_TOKEN);
  } finally {
    await mock.close();
  }
});
