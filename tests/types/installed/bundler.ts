// A browser/bundler consumer (Vite, webpack, esbuild, ...), type-checked with
// `moduleResolution: bundler`: resolves through exports["."].types (index.d.ts),
// with the DOM library. Never run.
import { TiledeskClient, init, initSync, isTidingsError } from 'tidings';
import type { TiledeskMessage } from 'tidings';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): void {}
assertType<Equals<Parameters<typeof init>, [input?: Parameters<typeof init>[0]]>>();

export async function render(list: HTMLElement, token: string): Promise<void> {
  // Hosts that serve the wasm themselves (CDN, extension) pass its URL, a Response, bytes or a module.
  await init(new URL('/assets/tidings_bg.wasm', location.href));
  await init(fetch('/assets/tidings_bg.wasm'));
  await init(); // twice is harmless
  initSync({ module: new WebAssembly.Module(new Uint8Array(8)) });
  const tiledesk = new TiledeskClient({ auth: { kind: 'jwt', token }, fetch: (input, options) => fetch(input, options) });
  const messages: TiledeskMessage[] = await tiledesk.listMessages({ projectId: 'p', requestId: 'r', signal: AbortSignal.timeout(5000) });
  for (const m of messages) list.append(Object.assign(document.createElement('li'), { textContent: `${m.senderFullname}: ${m.text}` }));
  await tiledesk.listMessages({ projectId: 'p', requestId: 'r' }).catch((e: unknown) => {
    if (isTidingsError(e) && e.kind === 'network') list.textContent = 'offline?';
  });
}
