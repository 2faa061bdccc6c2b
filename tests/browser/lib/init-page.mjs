// A test page served from an example's root (so `../node_modules/tidings/` is
// the installed package) that exercises the browser entry's init contract on a
// fresh module instance: lazy and idempotent by default, or given the wasm by
// the host as a URL, a Response (or its promise), bytes, a compiled module, or
// synchronously with initSync. `window.results` resolves to what happened.
//
// 'load-failure' first gives init() a URL that answers 404: the promise must
// reject, isTidingsError must answer false for that error (not throw), and a
// later init() must load the wasm normally.
//
//   /__test/init.html?mode=lazy#<JSON settings>

export const INIT_MODES = ['lazy', 'url', 'response', 'bytes', 'module', 'sync', 'load-failure'];

export const INIT_PAGE = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>tidings init contract</title>
<pre id="out">running…</pre>
<script type="module">
import * as t from '../node_modules/tidings/browser.js';

const mode = new URLSearchParams(location.search).get('mode');
const cfg = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const wasmUrl = new URL('../node_modules/tidings/tidings_bg.wasm', location.href);
const tiledeskOptions = { baseUrl: cfg.tiledeskBaseUrl, auth: { kind: 'jwt', token: cfg.token } };
const ids = { projectId: cfg.projectId, requestId: cfg.requestId };
const describe = (e) => ({ name: e?.name, kind: e?.kind, field: e?.field, isTidingsError: t.isTidingsError(e), isError: e instanceof Error, message: String(e?.message ?? e) });

async function run() {
  const out = { mode };
  if (mode === 'lazy') {
    // Clients made before the wasm is there; several first calls at once.
    const a = new t.TiledeskClient(tiledeskOptions);
    const b = new t.FlatchrClient({ baseUrl: cfg.flatchrBaseUrl, token: cfg.flatchrToken });
    // An invalid option (plain http to a non-loopback host) cannot be checked yet:
    // it surfaces as the rejection of the first call.
    const bad = new t.TiledeskClient({ baseUrl: 'http://example.com', auth: { kind: 'jwt', token: 'x' } });
    out.baseUrlBeforeInit = a.baseUrl ?? null;
    const [listA, listB, , , badResult] = await Promise.all([
      a.listMessages(ids),
      b.listMessages({ companyId: cfg.companyId, applicantId: cfg.applicantId }),
      t.init(),
      t.init(),
      bad.listMessages(ids).then(() => 'resolved', describe),
    ]);
    out.texts = listA.map((m) => m.text);
    out.flatchrCount = listB.length;
    out.configErrorBeforeInit = badResult;
  } else if (mode === 'url') {
    await t.init(wasmUrl);
  } else if (mode === 'response') {
    await t.init(fetch(wasmUrl)); // a promise of a Response
  } else if (mode === 'bytes') {
    await t.init(new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer()));
  } else if (mode === 'module') {
    await t.init(await WebAssembly.compileStreaming(fetch(wasmUrl)));
  } else if (mode === 'sync') {
    t.initSync({ module: await (await fetch(wasmUrl)).arrayBuffer() });
  } else if (mode === 'load-failure') {
    let loadError;
    try {
      await t.init(new URL('../node_modules/tidings/missing.wasm', location.href));
    } catch (e) {
      loadError = e;
    }
    out.loadError = loadError === undefined ? 'init resolved' : String(loadError);
    try {
      out.loadErrorIsTidingsError = t.isTidingsError(loadError);
    } catch (e) {
      out.isTidingsErrorThrew = String(e);
    }
  }
  // Whatever came first, every further init is harmless and fetches nothing.
  await t.init();
  await Promise.all([t.init(), t.init(wasmUrl)]);
  t.initSync(new Uint8Array([0, 97, 115, 109])); // not even a valid module: ignored once initialised
  // Once initialised, clients are built (and options checked) at once, as in Node.
  const c = new t.TiledeskClient(tiledeskOptions);
  out.baseUrlAfterInit = c.baseUrl ?? null;
  out.texts ??= (await c.listMessages(ids)).map((m) => m.text);
  try {
    new t.TiledeskClient({ baseUrl: 'http://example.com', auth: { kind: 'jwt', token: 'x' } });
    out.configErrorAfterInit = 'no throw';
  } catch (e) {
    out.configErrorAfterInit = describe(e);
  }
  // The types declare [Symbol.dispose]() on both clients (for \`using\`), as in Node.
  out.disposable = typeof c[Symbol.dispose] === 'function' && typeof new t.FlatchrClient({ baseUrl: cfg.flatchrBaseUrl, token: 'x' })[Symbol.dispose] === 'function';
  if (out.disposable) c[Symbol.dispose]();
  else c.free();
  return out;
}

window.results = run().catch((e) => ({ mode, failed: describe(e), stack: String(e?.stack ?? '') }));
window.results.then((r) => { document.querySelector('#out').textContent = JSON.stringify(r, null, 2); });
</script>
`;
