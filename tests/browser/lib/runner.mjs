// What run-examples.mjs and run-runtimes.mjs share: the repository's folders,
// the built package they pack, the environment their tools run in, and which
// checks the command line asks for.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** pkg/, or TIDINGS_PKG_DIR: another built package folder (e.g. a patched copy of pkg/). */
export const pkgDir = process.env.TIDINGS_PKG_DIR ? resolve(process.env.TIDINGS_PKG_DIR) : join(root, 'pkg');
export const examples = join(root, 'examples');

/** The environment of the tools a check runs: the repository's own first on PATH, no colours, and `extra`. */
export function toolEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
}

const only = process.argv.slice(2);
/** Whether the check `name` runs: all do, unless the command line names prefixes. */
export const wanted = (name) => only.length === 0 || only.some((prefix) => name.startsWith(prefix));
