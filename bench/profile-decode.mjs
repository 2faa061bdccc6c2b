// The decode loop alone, for a CPU profile (not part of `npm run bench`):
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-decode.mjs [pkg-dir] [messages=10000] [seconds=8]
//   node bench/cpuprofile-summary.mjs /tmp/prof/*.cpuprofile
//
// Uses the same fake fetch as bench/run.mjs: a prebuilt Response per call, so
// only tidings' own work (reading the body, decoding, converting) is profiled.
// Point pkg-dir at a build with a `name` section to see Rust function names.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { makeTiledeskMessages, TILEDESK_JWT, TILEDESK_PROJECT_ID } from '../tests/mock/fixtures.mjs';

const [pkgArg = new URL('../pkg', import.meta.url).pathname, nArg = '10000', secondsArg = '8'] = process.argv.slice(2);
const pkgDir = resolve(pkgArg);
const n = Number(nArg);
const { TiledeskClient } = await import(pathToFileURL(join(pkgDir, 'node.mjs')).href);
const text = JSON.stringify(makeTiledeskMessages(n, { requestId: 'support-group-profile' }));
const init = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } };
const client = new TiledeskClient({
  baseUrl: 'http://127.0.0.1:9/v3',
  auth: { kind: 'jwt', token: TILEDESK_JWT },
  fetch: () => Promise.resolve(new Response(text, init)),
});
const ids = { projectId: TILEDESK_PROJECT_ID, requestId: 'support-group-profile' };
const until = performance.now() + Number(secondsArg) * 1000;
let calls = 0;
while (performance.now() < until) {
  const messages = await client.listMessages(ids);
  if (messages.length !== n) throw new Error(`decoded ${messages.length}, not ${n}`);
  calls++;
}
console.log(`${calls} calls of ${n} messages in ${secondsArg} s: ${((Number(secondsArg) * 1000) / calls).toFixed(3)} ms per call`);
