// tidings under Vitest. Tests run in Node, where `import 'tidings'` resolves to
// the package's Node entry (the wasm is loaded synchronously from disk).
// Skipped unless a server is configured, e.g.:
//   TILEDESK_BASE_URL=https://api.tiledesk.com/v3 TILEDESK_TOKEN=... \
//   TILEDESK_PROJECT_ID=... TILEDESK_REQUEST_ID=... npm test
import { describe, expect, test } from 'vitest';
import { TiledeskClient, isTidingsError } from 'tidings';

const env = process.env;

describe.skipIf(!env.TILEDESK_TOKEN)('tidings under Vitest', () => {
  test('lists the messages of a Tiledesk request', async () => {
    const tiledesk = new TiledeskClient({ baseUrl: env.TILEDESK_BASE_URL, auth: { kind: 'jwt', token: env.TILEDESK_TOKEN } });
    const messages = await tiledesk.listMessages({ projectId: env.TILEDESK_PROJECT_ID, requestId: env.TILEDESK_REQUEST_ID });
    expect(Array.isArray(messages)).toBe(true);
    for (const m of messages) {
      expect(typeof m.id).toBe('string');
      console.log(`${m.id} ${m.senderFullname}: ${m.text}`);
    }
  });

  test('rejects with a TidingsError for an unknown message', async () => {
    const tiledesk = new TiledeskClient({ baseUrl: env.TILEDESK_BASE_URL, auth: { kind: 'jwt', token: env.TILEDESK_TOKEN }, retry: false });
    const error = await tiledesk
      .getMessage({ projectId: env.TILEDESK_PROJECT_ID, requestId: env.TILEDESK_REQUEST_ID, messageId: '000000000000000000000000' })
      .catch((e) => e);
    expect(isTidingsError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
  });
});
