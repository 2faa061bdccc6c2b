'use strict';
// Node CommonJS entry: the wasm is read from disk and instantiated synchronously,
// so the clients are usable right after `require`. scripts/build.mjs bundles
// this file with what it requires into the one pkg/node.cjs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./tidings.cjs');
const { isTidingsError } = require('./tidings-error.cjs');
const { addPageIterators } = require('./pages.cjs');
const { addWatchers } = require('./watch.cjs');

glue.initSync({ module: readFileSync(join(__dirname, 'tidings_bg.wasm')) });
addPageIterators(glue.TiledeskClient, glue.TidingsError);
addWatchers(glue.TiledeskClient, glue.FlatchrClient, glue.TidingsError, glue, () => undefined);

module.exports = {
  TiledeskClient: glue.TiledeskClient,
  FlatchrClient: glue.FlatchrClient,
  TidingsError: glue.TidingsError,
  isTidingsError,
  initSync: glue.initSync,
  /** Already initialised in Node; kept so code shared with browsers can call it. */
  init: () => Promise.resolve(),
};
