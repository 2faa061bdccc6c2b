'use strict';
// Node CommonJS entry: the wasm is read from disk and instantiated synchronously,
// so the clients are usable right after `require`. scripts/build.mjs bundles
// pages.cjs and tidings-error.cjs into pkg/node.cjs (tidings.cjs, the glue,
// stays its own file: a CommonJS module costs little more than its code).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./tidings.cjs');
const { isTidingsError } = require('./tidings-error.cjs');
const { addPageIterators } = require('./pages.cjs');

glue.initSync({ module: readFileSync(join(__dirname, 'tidings_bg.wasm')) });
addPageIterators(glue.TiledeskClient, glue.TidingsError);

// `watchMessages`, as watch.js's addWatchers adds it, with the watch driver
// (watch.cjs) required on the first `next()` of an iterator: few programs
// watch, and every byte of code read at start-up is parsed.
const watchEnv = { TidingsError: glue.TidingsError, decide: glue, ready: () => undefined };
for (const [Class, provider] of [
  [glue.TiledeskClient, 'tiledesk'],
  [glue.FlatchrClient, 'flatchr'],
]) {
  Object.defineProperty(Class.prototype, 'watchMessages', {
    value: function watchMessages(options) {
      return watchLater(this, options, provider);
    },
    writable: true,
    configurable: true,
  });
}

/** Nothing runs before the first `next()`, as in watch.js. */
async function* watchLater(client, options, provider) {
  yield* require('./watch.cjs').watch(client, options, provider, watchEnv);
}

module.exports = {
  TiledeskClient: glue.TiledeskClient,
  FlatchrClient: glue.FlatchrClient,
  TidingsError: glue.TidingsError,
  isTidingsError,
  initSync: glue.initSync,
  /** Already initialised in Node; kept so code shared with browsers can call it. */
  init: () => Promise.resolve(),
};
