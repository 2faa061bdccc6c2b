// @vitest-environment jsdom
// tidings in Vitest's jsdom environment: a test of code written for a page, with
// `window` and `document` from jsdom; `import 'tidings'` still needs nothing more.
// Skipped unless a server is configured (see tidings.test.js).
import { describe, expect, test } from 'vitest';
import { TiledeskClient, TidingsError } from 'tidings';
import { renderMessage } from './render.js';

const env = process.env;

describe.skipIf(!env.TILEDESK_TOKEN)('tidings under Vitest with jsdom', () => {
  test('lists the messages of a Tiledesk request into a table', async () => {
    document.body.innerHTML = '<table id="messages"><tbody></tbody></table>';
    const tiledesk = new TiledeskClient({ baseUrl: env.TILEDESK_BASE_URL, auth: { kind: 'jwt', token: env.TILEDESK_TOKEN } });
    const messages = await tiledesk.listMessages({ projectId: env.TILEDESK_PROJECT_ID, requestId: env.TILEDESK_REQUEST_ID });
    const rows = document.querySelector('#messages tbody');
    messages.forEach((m) => renderMessage(rows, m));
    expect(rows.rows.length).toBe(messages.length);
    for (const row of rows.rows) console.log(`jsdom row: ${row.textContent}`);
  });

  test('rejects with a TidingsError for an unknown message', async () => {
    const tiledesk = new TiledeskClient({ baseUrl: env.TILEDESK_BASE_URL, auth: { kind: 'jwt', token: env.TILEDESK_TOKEN }, retry: false });
    const error = await tiledesk
      .getMessage({ projectId: env.TILEDESK_PROJECT_ID, requestId: env.TILEDESK_REQUEST_ID, messageId: '000000000000000000000000' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TidingsError);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
  });
});
