// Put in front of tidings.cjs (the CommonJS glue) by scripts/build.mjs, whose
// esbuild `define` points the glue's `TextDecoder`, `TextEncoder` and
// `globalThis.fetch` here. Some test environments run code in a realm that
// hides Node's own globals: Jest's jsdom environment has no TextDecoder,
// TextEncoder or fetch. There, the glue takes Node's: TextDecoder and
// TextEncoder from node:util, and fetch from Node's main realm, behind an
// AbortController of that realm (Node's fetch refuses a signal of another
// realm). A fetch the realm does have (a test's stub included) is always the
// one used, read at each call.
var __tidingsHost = (() => {
  let mainFetch;
  const fromMainRealm = () => {
    if (mainFetch !== undefined) return mainFetch || undefined;
    mainFetch = null;
    try {
      const main = require('node:vm').runInThisContext('globalThis');
      if (main !== globalThis && typeof main.fetch === 'function' && typeof main.AbortController === 'function') {
        mainFetch = function fetch(url, init) {
          const controller = new main.AbortController();
          const signal = init && init.signal;
          if (signal) {
            if (signal.aborted) controller.abort();
            else signal.addEventListener('abort', () => controller.abort(), { once: true });
          }
          return main.fetch(url, { ...init, signal: controller.signal });
        };
      }
    } catch {
      // not Node: the realm's own globals or none, as before
    }
    return mainFetch || undefined;
  };
  const text = typeof TextDecoder === 'function' && typeof TextEncoder === 'function' ? globalThis : require('node:util');
  return {
    TextDecoder: text.TextDecoder,
    TextEncoder: text.TextEncoder,
    get fetch() {
      return typeof globalThis.fetch === 'function' ? globalThis.fetch : fromMainRealm();
    },
  };
})();
