// The same tests in both environments (node.test.js, jsdom.test.js).
const { TiledeskClient, TidingsError, isTidingsError } = require('tidings');
const settings = require('./settings.cjs');

module.exports = function sharedTests(environment) {
  const maybe = settings.configured ? describe : describe.skip;
  maybe(`tidings under Jest (${environment})`, () => {
    const client = (extra = {}) => new TiledeskClient({ baseUrl: settings.baseUrl, auth: { kind: 'jwt', token: settings.token }, ...extra });

    test('lists the messages of a Tiledesk request', async () => {
      const messages = await client().listMessages(settings.ids);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) {
        expect(typeof m.id).toBe('string');
        console.log(`${environment}: ${m.id} ${m.senderFullname}: ${m.text}`);
      }
    });

    test('rejects with a TidingsError for an unknown message', async () => {
      const error = await client({ retry: false })
        .getMessage({ ...settings.ids, messageId: '000000000000000000000000' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(TidingsError);
      expect(isTidingsError(error)).toBe(true);
      expect(error.kind).toBe('http');
      expect(error.status).toBe(404);
    });

    test('a fetch the test stubs is the one used', async () => {
      const real = globalThis.fetch;
      const seen = [];
      globalThis.fetch = async (url) => {
        seen.push(String(url));
        // A plain object: jsdom has no Response either; tidings reads any response-like object.
        return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), text: async () => '[]' };
      };
      try {
        expect(await client().listMessages(settings.ids)).toEqual([]);
        expect(seen).toEqual([`${settings.baseUrl}/${settings.ids.projectId}/requests/${settings.ids.requestId}/messages`]);
      } finally {
        globalThis.fetch = real;
      }
    });
  });
};
