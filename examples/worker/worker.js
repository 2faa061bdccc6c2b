// The worker side. There is no `window` nor `document` here: tidings only
// needs `fetch` and `WebAssembly`, and finds its wasm next to browser.js
// (import maps do not reach workers, hence the relative path).
import { TiledeskClient, isTidingsError } from './node_modules/tidings/browser.js';

const where = `${self.constructor.name}, window: ${typeof window}, document: ${typeof document}`;

self.onmessage = async ({ data }) => {
  if (data?.type !== 'list') return;
  try {
    const tiledesk = new TiledeskClient({ baseUrl: data.baseUrl, auth: { kind: 'jwt', token: data.token } });
    const messages = await tiledesk.listMessages({ projectId: data.projectId, requestId: data.requestId });
    tiledesk.free();
    // The messages are plain objects: they cross postMessage as they are.
    self.postMessage({ ok: true, where, messages });
  } catch (error) {
    const text = isTidingsError(error) ? `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}` : String(error);
    self.postMessage({ ok: false, where, error: text });
  }
};
