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
