// `TiledeskClient.prototype.iterateProjectMessages` for every entry: an async
// iterator over the pages of `listProjectMessages`, one message at a time.
// Plain JavaScript over the public method, so the browser entry's lazy
// clients and the Node entries share it; each page is a normal call (its
// options checked, its errors TidingsErrors, its signal honoured).

const MAX_PAGE_SIZE = 50;

/**
 * Adds `iterateProjectMessages` to the prototype of a TiledeskClient class;
 * its own errors are of the entry's `TidingsError` class.
 */
export function addPageIterators(TiledeskClient, TidingsError) {
  Object.defineProperty(TiledeskClient.prototype, 'iterateProjectMessages', {
    value: function iterateProjectMessages(options) {
      return projectMessages(this, options, TidingsError);
    },
    writable: true,
    configurable: true,
  });
}

/**
 * Adds `watchMessages` to both client classes, as watch.js's `addWatchers`
 * does, but with the watch driver loaded on the first `next()` of an
 * iterator (`loadWatch()` returns watch.js's `watch`): the Node entries
 * use it, as few programs watch and every byte of code read at start-up is
 * parsed (the driver is a fifth of node.mjs).
 */
export function addWatchersLater(TiledeskClient, FlatchrClient, env, loadWatch) {
  for (const [Class, provider] of [
    [TiledeskClient, 'tiledesk'],
    [FlatchrClient, 'flatchr'],
  ]) {
    Object.defineProperty(Class.prototype, 'watchMessages', {
      value: function watchMessages(options) {
        return watchLater(this, options, provider, env, loadWatch);
      },
      writable: true,
      configurable: true,
    });
  }
}

/** Nothing runs before the first `next()`, as in watch.js. */
async function* watchLater(client, options, provider, env, loadWatch) {
  yield* loadWatch()(client, options, provider, env);
}

/** The error a call rejects with for a wrong argument, as the wasm makes it (watch.js uses it too). */
export function invalidInput(TidingsError, field, message) {
  const error = new TidingsError(`invalid ${field}: ${message}`);
  error.name = 'TidingsError';
  error.kind = 'invalidInput';
  error.field = field;
  return error;
}

/**
 * Nothing runs before the first `next()`: every problem, a wrong argument
 * included, rejects a `next()`, never throws from `iterateProjectMessages`.
 */
async function* projectMessages(client, options, TidingsError) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    // Rejects with the same TidingsError as any method given no options object.
    await client.listProjectMessages(options);
    throw invalidInput(TidingsError, 'options', 'must be an object of options, e.g. { projectId }');
  }
  let rest;
  try {
    rest = { ...options }; // each property read once, here
  } catch (thrown) {
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `a ${typeof thrown}`;
    throw invalidInput(TidingsError, 'options', `could not be read: reading it threw ${what}`);
  }
  const { pageSize = MAX_PAGE_SIZE, ...call } = rest;
  for (const key of ['page', 'limit']) {
    if (key in call) {
      throw invalidInput(TidingsError, key, 'is not an option of iterateProjectMessages, which walks every page: set pageSize');
    }
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalidInput(TidingsError, 'pageSize', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const signal = call.signal;
  const pageOf = (page) => client.listProjectMessages({ ...call, page, limit: pageSize });
  for (let page = 0; ; page += 1) {
    const messages = await pageOf(page);
    for (const message of messages) {
      // Aborted while the caller was busy with a message: the next page call
      // rejects with kind `aborted` at once, without sending anything.
      if (signal?.aborted) await pageOf(page + 1);
      yield message;
    }
    if (messages.length < pageSize) return;
  }
}
