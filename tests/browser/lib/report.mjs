// One line per check (`ok <name>` / `FAIL <name>: reason`) and the final
// `N passed, M failed` line that scripts/test.mjs reads.

export function createReport() {
  const results = [];
  return {
    results,
    /** Runs `fn` as the check `name`, with a time limit; never throws. Resolves to true when it passed. */
    async check(name, fn, { timeoutMs = 120_000 } = {}) {
      const started = Date.now();
      let timer;
      try {
        const note = await Promise.race([
          fn(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
          }),
        ]);
        results.push({ name, ok: true });
        console.log(`ok ${name}${note ? ` (${note})` : ''} [${((Date.now() - started) / 1000).toFixed(1)} s]`);
        return true;
      } catch (error) {
        results.push({ name, ok: false, reason: error.message });
        const [first, ...rest] = String(error.message ?? error).split('\n');
        console.log(`FAIL ${name}: ${first}`);
        for (const line of rest) console.log(`    ${line}`);
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    /** A check that could not run because something it needs failed. */
    skipFailed(name, reason) {
      results.push({ name, ok: false, reason });
      console.log(`FAIL ${name}: ${reason}`);
    },
    summary() {
      const passed = results.filter((r) => r.ok).length;
      const failed = results.length - passed;
      console.log(`${passed} passed, ${failed} failed`);
      return failed;
    },
  };
}

/** Throws `message` (with `details` lines) unless `condition`. */
export function expect(condition, message, details = []) {
  if (!condition) throw new Error([message, ...details].join('\n'));
}
