// A Web Worker / service worker consumer: bundler resolution with the
// `webworker` library and no DOM (no `window`, no `document`). Never run.
import { TiledeskClient, init } from 'tidings';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<{ token: string }>) => {
  await init(new URL('tidings_bg.wasm', self.location.href));
  const tiledesk = new TiledeskClient({ auth: { kind: 'jwt', token: event.data.token } });
  self.postMessage(await tiledesk.listMessages({ projectId: 'p', requestId: 'r' }));
};
