// Starts the mock server for the benchmarks, either in a child process (the
// default: the server's work, its GC and its request log stay out of the
// measured process and run on the other core) or in this process.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/**
 * @param {string} root  repository root
 * @param {'child' | 'inproc'} where
 * @returns {Promise<{ url: string, where: string, pid?: number, reset(): Promise<void>, close(): Promise<void> }>}
 */
export async function startMock(root, where) {
  if (where === 'inproc') {
    const { startMockServer } = await import(join(root, 'tests', 'mock', 'server.mjs'));
    const mock = await startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
    return { url: mock.url, where, reset: async () => mock.reset(), close: () => mock.close() };
  }
  const child = spawn(process.execPath, [join(root, 'tests', 'mock', 'server.mjs'), '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the mock server printed no MOCK_URL line within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`the mock server exited early (code ${code})`)));
    lines.on('line', (line) => {
      const m = /^MOCK_URL=(\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const reset = async () => {
    // The control API: seed data back, request log and scripts cleared.
    const r = await fetch(`${url}/__mock/reset`, { method: 'POST' });
    await r.arrayBuffer();
    if (r.status !== 204) throw new Error(`mock reset answered ${r.status}`);
  };
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  return { url, where, pid: child.pid, reset, close };
}
