'use strict';
// Node CommonJS entry: the wasm is read from disk and instantiated synchronously,
// so the clients are usable right after `require`. scripts/build.mjs bundles
// pages.cjs and tidings-error.cjs into pkg/node.cjs (tidings.cjs, the glue,
// stays its own file: a CommonJS module costs little more than its code).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./tidings.cjs');
const { isTidingsError } = require('./tidings-error.cjs');
const { addPageIterators, addWatchersLater } = require('./pages.cjs');

glue.initSync({ module: readFileSync(join(__dirname, 'tidings_bg.wasm')) });
addPageIterators(glue.TiledeskClient, glue.TidingsError);

// `watchMessages`, with the watch driver (watch.cjs) required on the first
// `next()` of an iterator.
addWatchersLater(glue.TiledeskClient, glue.FlatchrClient, { TidingsError: glue.TidingsError, decide: glue, ready: () => undefined }, () => require('./watch.cjs').watch);

module.exports = {
  TiledeskClient: glue.TiledeskClient,
  FlatchrClient: glue.FlatchrClient,
  TidingsError: glue.TidingsError,
  isTidingsError,
  initSync: glue.initSync,
  /** Already initialised in Node; kept so code shared with browsers can call it. */
  init: () => Promise.resolve(),
};
