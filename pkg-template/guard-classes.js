// Appended to the wasm-bindgen glue (tidings.js) by scripts/build.mjs, where
// TiledeskClient and FlatchrClient are in scope. The generated methods hand
// `this.__wbg_ptr` to the wasm without asking what `this` is: here every
// method and getter first checks that `this` is an instance of its own class
// (`FlatchrClient.prototype.listMessages.call(aTiledeskClient)` throws a
// TypeError before anything is sent), and free() / [Symbol.dispose]() become
// idempotent (a second call does nothing); a method or getter used after
// free() rejects (throws) with a TidingsError of kind `config`. Each method's rejection carries the
// stack of its caller, taken at the call (`tidingsCallSite` and
// `tidingsWithCallerStack` are imported by the build, from tidings_error.js);
// the static methods (sign-ins) too.
for (const Class of [TiledeskClient, FlatchrClient]) {
  const proto = Class.prototype;
  const check = (self, name) => {
    if (!(self instanceof Class)) {
      const what = self === null || self === undefined ? String(self) : `a ${self.constructor?.name ?? typeof self}`;
      throw new TypeError(`${Class.name}.${name} was called on ${what}, not on a ${Class.name}`);
    }
  };
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    if (name === 'free') {
      const free = descriptor.value;
      descriptor.value = function free_() {
        check(this, 'free');
        if (this.__wbg_ptr !== 0) free.call(this);
      };
    } else if (typeof descriptor.value === 'function') {
      const method = descriptor.value;
      descriptor.value = function checked(options) {
        check(this, name);
        // After free() the glue would throw "null pointer passed to rust" at once.
        if (this.__wbg_ptr === 0) return Promise.reject(tidingsWithCallerStack(tidingsFreedClient(Class.name, name), tidingsCallSite(checked)));
        return withCallerStack(method.call(this, options), tidingsCallSite(checked));
      };
    } else if (descriptor.get) {
      const get = descriptor.get;
      descriptor.get = function checked() {
        check(this, name);
        if (this.__wbg_ptr === 0) throw tidingsWithCallerStack(tidingsFreedClient(Class.name, name), tidingsCallSite(checked));
        return get.call(this);
      };
    } else {
      continue;
    }
    Object.defineProperty(proto, name, descriptor);
  }
  if (Symbol.dispose) proto[Symbol.dispose] = proto.free;
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Class))) {
    if (typeof descriptor.value !== 'function' || name.startsWith('__')) continue;
    const method = descriptor.value;
    descriptor.value = function withStack(options) {
      return withCallerStack(method.call(this, options), tidingsCallSite(withStack));
    };
    Object.defineProperty(Class, name, descriptor);
  }
}

/** `result`; when it is a promise, one whose rejection carries the stack of `site`. */
function withCallerStack(result, site) {
  if (!(result instanceof Promise)) return result;
  return result.catch((error) => {
    throw tidingsWithCallerStack(error, site);
  });
}
