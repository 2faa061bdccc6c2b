// The extension's background service worker ("type": "module" in the manifest).
// MV3 service workers allow no dynamic import() and no top-level await: tidings'
// browser entry uses neither, so a static import is all it takes. The wasm
// (vendor/tidings/tidings_bg.wasm) is fetched from the extension itself on the
// first call; compiling it needs 'wasm-unsafe-eval' in the manifest's CSP.
import { TiledeskClient, isTidingsError } from './vendor/tidings/browser.js';

const where = typeof ServiceWorkerGlobalScope !== 'undefined' && self instanceof ServiceWorkerGlobalScope ? 'service worker' : 'not a service worker';

async function list({ baseUrl, token, projectId, requestId }) {
  const tiledesk = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token } });
  try {
    return await tiledesk.listMessages({ projectId, requestId });
  } finally {
    tiledesk.free();
  }
}

// Listeners are registered synchronously at the top level, as MV3 requires.
chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
  if (request?.type !== 'tidings:list' || sender.id !== chrome.runtime.id) return false;
  list(request).then(
    (messages) => sendResponse({ ok: true, where, messages }),
    (error) =>
      sendResponse({
        ok: false,
        where,
        error: isTidingsError(error) ? `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}` : String(error),
      }),
  );
  return true; // the answer comes asynchronously
});
